"""What happens to requests while the deployment changes under load (chapter 07 and its tests).

Two experiments on a ``course_helpers.scale_out.Deployment`` (nginx in front of instances), each
while locust (``bench.locust_run``) sends requests through nginx:

- ``stop_instance_under_load``: one instance goes away, by a crash (its processes killed) or a
  graceful stop (gunicorn's SIGTERM), or after nginx was told to stop sending it requests;
- ``roll_out_under_load``: a new model version replaces the old one, instance after instance.

Each counts what locust sent, what was answered and what failed, and reads nginx's log for the
requests that nginx retried on another instance without the client noticing.
"""

import contextlib
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psutil
import requests

from bench.locust_run import run_locust
from penguin_model import load_model
from penguin_model.releases import switch_release

STOPS = ("crash", "graceful", "drained")


def stop_instance_under_load(deployment, how, *, users=8, seconds=4, stop_after=2.0):
    """Load nginx for ``seconds``; ``stop_after`` seconds into the load, stop the first instance ``how``:

    - ``crash``: kill its gunicorn master and workers at once, as a power cut or the OOM killer would;
    - ``graceful``: SIGTERM, after which gunicorn finishes the requests it has started, then exits;
    - ``drained``: mark it ``down`` in nginx's configuration and reload nginx first, then SIGTERM.
    """
    if how not in STOPS:
        raise ValueError(f"how must be one of {STOPS}, not {how!r}")
    victim = deployment.instances[0]
    with ThreadPoolExecutor(max_workers=1) as pool:
        load = pool.submit(run_locust, deployment.url, users, seconds)
        _wait_for_requests(deployment, load)
        time.sleep(stop_after)
        if how == "drained":
            deployment.take_out_of_rotation(0)
        if how == "crash":
            _kill_with_workers(victim.process.pid)
        else:
            victim.process.send_signal(signal.SIGTERM)
        victim.process.wait(timeout=30)
        run = load.result()
    return _outcome(run, deployment.access_log())


def roll_out_under_load(deployment, release, current, *, users=8, seconds=6, start_after=1.5):
    """Make ``release`` the model that ``current`` names and reload each instance in turn, under load;
    return the outcome and, per instance, when its health check first showed the new version.

    ``current`` is what the instances serve: a folder of releases, whose pointer is switched to
    ``release``, one of its releases (``penguin_model.releases``), or a symbolic link, switched to the
    folder ``release``. Each instance gets gunicorn's graceful reload (SIGHUP): its master loads the new
    model, new workers start with it, then the old ones finish what they started and exit, while the
    listening socket stays open. The new model is loaded here first: a model that cannot load is never
    switched to (and a master that could not load it would go on serving the old one).
    """
    new_version = load_model(release).version
    with ThreadPoolExecutor(max_workers=1 + len(deployment.instances)) as pool, _Stopwatch() as clock:
        load = pool.submit(run_locust, deployment.url, users, seconds)
        _wait_for_requests(deployment, load)
        watchers = [_HealthWatch(instance.url, new_version, clock) for instance in deployment.instances]
        for watcher in watchers:
            pool.submit(watcher.run)
        time.sleep(start_after)
        switched_at = clock.now()
        if current.is_symlink():
            _switch_link(current, release)
        else:
            switch_release(release)
        for instance, watcher in zip(deployment.instances, watchers, strict=True):
            instance.process.send_signal(signal.SIGHUP)  # posix only: nginx's scale-out, Linux and macOS
            watcher.switched.wait(timeout=60)
        run = load.result()
        for watcher in watchers:
            watcher.stop.set()
    outcome = _outcome(run, deployment.access_log())
    outcome["link switched (s)"] = round(switched_at, 2)
    outcome["instances"] = [{"instance": instance.url, "first new answer (s)": watcher.first_new,
                             "last old answer (s)": watcher.last_old}
                            for instance, watcher in zip(deployment.instances, watchers, strict=True)]
    return outcome


def _wait_for_requests(deployment, load, timeout=30):
    """Block until nginx has logged a prediction from the load (locust needs a moment to start)."""
    deadline = time.monotonic() + timeout
    while not load.done() and time.monotonic() < deadline:
        if any(entry["request"].startswith("POST ") for entry in deployment.access_log()):
            return
        time.sleep(0.05)


def _kill_with_workers(pid):
    master = psutil.Process(pid)
    for process in [master, *master.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()


def _switch_link(link, target):
    """Point the symbolic link ``link`` at ``target`` in one step: a reader sees the old or the new."""
    fresh = link.with_name(link.name + ".next")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(target, target_is_directory=True)
    os.replace(fresh, link)


def _outcome(run, nginx_log):
    """Counts of one load run: every request sent is answered or failed; some were sent twice on the way."""
    total = run["total"]
    resent = sum(row["requests"] for row in run["rows"] if "sent again" in row["name"])
    retried = [entry for entry in nginx_log if "," in entry["upstream"]]  # two instances tried
    return {
        "sent": total["requests"] - resent,
        "answered": total["requests"] - resent - total["failures"],
        "failed": total["failures"],
        "retried by nginx": len(retried),
        "retried by nginx and answered": sum(1 for entry in retried if entry["status"] == 200),
        "sent again by the client": resent,
        "p99 ms": total["p99 ms"],
        "max ms": total["max ms"],
        "answers per model version": {row["name"].rsplit(" ", 1)[-1]: row["requests"]
                                      for row in run["rows"] if "model" in row["name"]},
        "failures": [f"{failure['Error']} × {failure['Occurrences']}" for failure in run["failures"]],
    }


class _Stopwatch:
    """Seconds since the ``with`` block began."""

    def __enter__(self):
        self.started = time.monotonic()
        return self

    def __exit__(self, *exception):
        return False

    def now(self):
        return time.monotonic() - self.started


class _HealthWatch:
    """Ask one instance for its model version every 50 ms; note when the new one first answers."""

    def __init__(self, url, new_version, clock):
        self.url, self.new_version, self.clock = f"{url}/api/health", new_version, clock
        self.first_new = self.last_old = None
        self.switched, self.stop = threading.Event(), threading.Event()

    def run(self):
        with requests.Session() as session:
            while not self.stop.is_set():
                with contextlib.suppress(requests.RequestException):
                    version = session.get(self.url, timeout=5).json()["model_version"]
                    seen = round(self.clock.now(), 2)
                    if version == self.new_version:
                        self.first_new = self.first_new or seen
                        self.switched.set()
                    else:
                        self.last_old = seen
                time.sleep(0.05)
