"""gunicorn's settings for the Flask and Django servers: ``--config python:course_helpers.gunicorn_config``.

The model is loaded once, in gunicorn's master process, before any worker starts. Without a usable
model the server stops there with the course's one-paragraph explanation, whatever the number of
workers. (Left to the workers, each failed on its own, and gunicorn sometimes printed a traceback
of its own while stopping the others.) The master keeps the model (``penguin_model.served``), and each
worker, forked from the master, starts with it in memory: a worker that gunicorn restarts after a crash,
an out-of-memory kill or a timeout never reads ``models/`` again, so a file damaged since the start
cannot stop it from booting, and cannot make gunicorn stop the whole server ("Worker failed to boot").
A reload (SIGHUP, chapter 07's roll-out) loads the current model again in the master before the new
workers start; a model that cannot load is refused there, and the workers go on with the old one.

The master also gives the workers one fresh, empty folder for their metrics, so that /metrics adds
up every worker's requests (``api_contract.metrics``), and removes it when the server stops.
"""

import os
import shutil
import sys
import tempfile

from penguin_model import ModelLoadError, served_model
from penguin_model.served import reload_served_model

# No gunicorn access log: the apps write one JSON line per request themselves
# (api_contract.observability), with the request id and the model version, which gunicorn cannot know.
accesslog = None
# gunicorn's control socket has one path per user: two servers at once (make demo, tests) would share it.
control_socket_disable = True
# prometheus_client's variable, also named in api_contract.metrics, which cannot be imported here: it
# imports prometheus_client, and that must wait until when_ready has set the variable.
METRICS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
PRELOADED = ("The server cannot start: prometheus_client was imported before the workers' metrics folder "
             "was set (gunicorn's --preload does that), so each worker would count only its own requests. "
             "Start it without --preload.")


def on_starting(server):
    """Load the model before gunicorn starts any worker; stop with the explanation if it is unusable."""
    try:
        served_model()
    except ModelLoadError as problem:
        print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None


def on_reload(server):
    """SIGHUP: load the current model before the new workers start; keep the old one if it cannot load."""
    reload_served_model()


def when_ready(server):
    """Give the workers a fresh metrics folder, once gunicorn listens and before it starts any worker.

    Fresh for each start: files left by an earlier server would be counted as this one's requests.
    prometheus_client picks one-process or several-process counting when it is first imported, so
    it must not have been imported yet; it is here only with --preload, which imports the app early.
    """
    if "prometheus_client" in sys.modules:
        print(PRELOADED, file=sys.stderr, flush=True)
        raise SystemExit(1)
    os.environ[METRICS_VARIABLE] = tempfile.mkdtemp(prefix="penguin-metrics-")


def child_exit(server, worker):
    """A worker has ended: drop its "live" figures (the model version it served); its counts stay."""
    from prometheus_client import multiprocess  # not at the top: only once when_ready has set the folder

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """The server stops: remove the metrics folder."""
    if METRICS_VARIABLE in os.environ:
        shutil.rmtree(os.environ[METRICS_VARIABLE], ignore_errors=True)
