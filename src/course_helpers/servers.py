"""How each app is served for real: one command per app, for `make serve-*`, tests, notebooks and bench.

`make serve-flask` runs ``python -m course_helpers.serve flask``, which runs ``server_command("flask",
...)``; tests, notebooks and benchmarks start that same command on a free port with
``serving("flask")``. So the command that is tested is the command a student types.

Flask and Django run under gunicorn where it runs, and under waitress where it does not (Windows);
``wsgi_servers`` makes that choice. ``served_by(app)`` says in a few words which server a chapter got.
Streamlit runs on its own server (``streamlit run``), or, asked with ``streamlit_server="uvicorn"``, as
the ASGI app it is under plain uvicorn, with workers and the course's no-delay protocol, as FastAPI is.

A server bound beyond loopback (``--host 0.0.0.0``, `make demo HOST=0.0.0.0`) is served by waitress
unless asked otherwise: a client sending its body a byte a second cannot hold it, as it holds a sync
gunicorn worker (``wsgi_servers`` says why). uvicorn, under FastAPI and Streamlit, is asynchronous
and cannot be held either.
"""

import contextlib
import os
import secrets
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from course_helpers.kept_model import kept_model
from course_helpers.processes import free_port, running_server
from course_helpers.wsgi_servers import WAITRESS_THREADS, chosen_wsgi_server, waitress_command, why_waitress
from penguin_model.data import REPO_ROOT

APPS_DIR = REPO_ROOT / "apps"
DJANGO_PROJECT_DIR = APPS_DIR / "django_demo"
STREAMLIT_SCRIPT = APPS_DIR / "streamlit_demo" / "app.py"  # the pages
STREAMLIT_SERVER = APPS_DIR / "streamlit_demo" / "server.py"  # the pages and the /api routes
# The WSGI apps: the folder gunicorn imports from (--chdir) and what it imports there.
WSGI_APPS = {
    "flask": (APPS_DIR, "flask_demo:create_app()"),
    "django": (DJANGO_PROJECT_DIR, "config.wsgi:application"),
}
APPS = ("flask", "streamlit", "django", "fastapi")
APP_NAMES = {"flask": "Flask", "streamlit": "Streamlit", "django": "Django", "fastapi": "FastAPI"}
DEFAULT_PORTS = {"flask": 8100, "streamlit": 8501, "django": 8200, "fastapi": 8300}
HEALTH_PATHS = {"flask": "/api/health", "streamlit": "/_stcore/health", "django": "/api/health",
                "fastapi": "/api/health"}
GUNICORN_CONFIG = "python:course_helpers.gunicorn_config"
PRODUCTION_SETTINGS = "config.settings_production"  # Django's settings behind nginx's TLS


# uvicorn's HTTP protocol that switches Nagle's algorithm off (apps/fastapi_demo/no_delay.py says why).
NO_DELAY_PROTOCOL = "fastapi_demo.no_delay:NoDelayH11"
# How the Streamlit app can be served: by `streamlit run` (one process, what a student types), or by
# uvicorn, as the st.App in server.py is an ordinary ASGI app (several workers, what a deployer can do).
STREAMLIT_SERVERS = ("streamlit", "uvicorn")
# What several uvicorn workers cost the Streamlit pages (apps/streamlit_demo/server.py says why).
SESSIONS_PER_WORKER = (
    "Each uvicorn worker keeps its own Streamlit sessions: with more than one, a browser's file upload fails "
    "whenever another worker than its session's receives it (the JSON API is not affected). Serve the pages "
    "with --workers 1, or behind a proxy that keeps each browser on one worker.")


def served_by(app, *, workers=2, wsgi_server=None, host="127.0.0.1", streamlit_server=None):
    """A few words a chapter can print: "Flask under gunicorn (2 worker processes)", or "Flask under
    waitress (4 threads in one process; gunicorn does not run on Windows)".
    """
    if app == "streamlit" and _chosen_streamlit_server(streamlit_server) == "uvicorn":
        return f"Streamlit under uvicorn ({_processes(workers)})"
    if app == "streamlit":
        return "Streamlit on its own server (one process)"
    if app == "fastapi":
        return f"FastAPI under uvicorn ({_processes(workers)})"
    if chosen_wsgi_server(wsgi_server, host=host) == "gunicorn":
        return f"{app.capitalize()} under gunicorn ({_processes(workers)})"
    threads = f"{WAITRESS_THREADS} threads in one process"
    return f"{app.capitalize()} under waitress ({threads}; {why_waitress(wsgi_server, host=host)})"


def _processes(workers):
    return f"{workers} worker process{'es' if workers != 1 else ''}"


def server_command(app, port, *, host="127.0.0.1", workers=2, gunicorn_config=GUNICORN_CONFIG,
                   wsgi_server=None, streamlit_server=None):
    """The command that serves ``app`` on ``host:port``: gunicorn or waitress (Flask, Django; see
    ``wsgi_servers``), uvicorn (FastAPI), or for Streamlit its own server (``workers`` does not
    apply: it runs one process) or uvicorn (``streamlit_server="uvicorn"``). Streamlit's other
    options live in ``apps/streamlit_demo/.streamlit/config.toml``, which both read.
    """
    if app == "streamlit" and _chosen_streamlit_server(streamlit_server) == "uvicorn":
        # The same st.App as `streamlit run` serves, and like it without an access log (Streamlit turns
        # uvicorn's off); server.py's module path works from the apps folder, beside fastapi_demo.
        return [sys.executable, "-m", "uvicorn", "streamlit_demo.server:app", "--app-dir", str(APPS_DIR),
                "--host", host, "--port", str(port), "--workers", str(workers),
                "--http", NO_DELAY_PROTOCOL, "--no-access-log"]
    if app == "streamlit":
        # Error details off for visitors: Streamlit's default, "full", shows them each traceback with the
        # server's paths. The server's console still prints them whole.
        return [sys.executable, "-m", "streamlit", "run", str(STREAMLIT_SERVER),
                "--server.address", host, "--server.port", str(port), "--client.showErrorDetails", "none"]
    if app == "fastapi":
        return [sys.executable, "-m", "uvicorn", "--factory", "fastapi_demo:create_app",
                "--app-dir", str(APPS_DIR), "--host", host, "--port", str(port), "--workers", str(workers),
                "--http", NO_DELAY_PROTOCOL]
    if chosen_wsgi_server(wsgi_server, host=host) == "waitress":
        if gunicorn_config != GUNICORN_CONFIG:
            raise ValueError(f"gunicorn settings ({gunicorn_config}) cannot apply to waitress, which serves "
                             f"{app} here: this needs gunicorn.")
        return waitress_command(app, host, port)
    folder, target = WSGI_APPS[app]
    return gunicorn_command(folder, target, port, host=host, workers=workers, gunicorn_config=gunicorn_config)


def _chosen_streamlit_server(streamlit_server):
    """``streamlit_server``, or "streamlit" (`streamlit run`) when none is named; ``ValueError`` else."""
    chosen = streamlit_server or STREAMLIT_SERVERS[0]
    if chosen not in STREAMLIT_SERVERS:
        raise ValueError(f"{chosen!r} is not one of the servers the course runs Streamlit on: "
                         f"{', '.join(STREAMLIT_SERVERS)}.")
    return chosen


def gunicorn_command(folder, target, port, *, host="127.0.0.1", workers=2, gunicorn_config=GUNICORN_CONFIG):
    """gunicorn serving the WSGI application ``target`` (``module:name``) importable from ``folder``."""
    return [sys.executable, "-m", "gunicorn", "--config", gunicorn_config, "--chdir", str(folder),
            "--bind", f"{host}:{port}", "--workers", str(workers), target]


def server_environment(app, base, *, host="127.0.0.1"):
    """``base`` plus what a production server of ``app`` needs.

    Django: debug pages off, the host among the allowed hosts, and a secret key. Without
    DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) in ``base`` a random key is made for this run (admin
    logins end at a restart).
    """
    environment = dict(base)
    if app == "django":
        environment["DJANGO_DEBUG"] = "0"
        environment.setdefault("DJANGO_ALLOWED_HOSTS", f"127.0.0.1,localhost,{host}")
        if "DJANGO_SECRET_KEY_FILE" not in environment:  # a key in a file (config.secret_files) is kept
            environment.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    return environment


def prepare(app, environment):
    """What must happen before the server starts: for Django, create or update its database (migrate)
    and, under the production settings, copy the static files to where they are served from."""
    if app != "django":
        return
    _manage(environment, "migrate", "--noinput")
    if environment.get("DJANGO_SETTINGS_MODULE") == PRODUCTION_SETTINGS:
        # Production's WhiteNoise serves STATIC_ROOT only, so the admin's CSS must be copied there first.
        _manage(environment, "collectstatic", "--noinput")


def _manage(environment, command, *arguments):
    done = subprocess.run([sys.executable, "manage.py", command, *arguments], cwd=DJANGO_PROJECT_DIR,
                          env=environment, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {command} failed, so the Django server was not started:\n"
                           f"{done.stdout}{done.stderr}")


class RunningServer(NamedTuple):
    """A server started by ``started``: its address and its process (``course_helpers.processes``)."""

    url: str
    process: subprocess.Popen


@contextlib.contextmanager
def serving(app, *, model_dir=None, workers=2, environment=None, gunicorn_config=GUNICORN_CONFIG,
            wsgi_server=None, streamlit_server=None, timeout=60):
    """Run ``app`` as `make serve-<app>` does, on a free port of 127.0.0.1; yield its URL; always stop it.

    ``model_dir`` picks the model (default: the course's). Django variables of this process are not
    passed on; the Django server gets a fresh SQLite file in a temporary folder unless
    ``environment`` names DJANGO_DB_PATH, or DJANGO_DATABASE_URL for a database server (PostgreSQL),
    so it never writes to the project's own database.
    ``gunicorn_config`` replaces the course's gunicorn settings (a file that may import them);
    ``wsgi_server`` picks gunicorn or waitress for Flask and Django (default: ``chosen_wsgi_server()``),
    ``streamlit_server`` `streamlit run` or uvicorn for Streamlit (default: `streamlit run`).
    """
    with serving_with_process(app, model_dir=model_dir, workers=workers, environment=environment,
                              gunicorn_config=gunicorn_config, wsgi_server=wsgi_server,
                              streamlit_server=streamlit_server, timeout=timeout) as server:
        yield server.url


@contextlib.contextmanager
def serving_with_process(app, *, model_dir=None, workers=2, environment=None, gunicorn_config=GUNICORN_CONFIG,
                         wsgi_server=None, streamlit_server=None, timeout=60):
    """As ``serving``, but yield a ``RunningServer``, ``(url, process)``: ``server_output(process)`` reads
    what it printed.
    """
    with tempfile.TemporaryDirectory(prefix=f"{app}-server-") as scratch:
        server_env = isolated_environment(app, Path(scratch), model_dir=model_dir, environment=environment)
        with started(app, server_env, workers=workers, gunicorn_config=gunicorn_config,
                     wsgi_server=wsgi_server, streamlit_server=streamlit_server, timeout=timeout) as server:
            yield server


def isolated_environment(app, scratch, *, model_dir=None, environment=None):
    """This process's environment without its Django variables, plus what a server of ``app`` needs.

    Django's database is a new SQLite file in ``scratch`` unless ``environment`` names one.
    """
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    chosen = {"DJANGO_DB_PATH": str(scratch / "history.sqlite3")} if app == "django" else {}
    if model_dir is not None:
        chosen["PENGUIN_MODEL_DIR"] = str(model_dir)
    return server_environment(app, inherited | chosen | (environment or {}))


@contextlib.contextmanager
def started(app, environment, *, port=None, host="127.0.0.1", workers=2, gunicorn_config=GUNICORN_CONFIG,
            wsgi_server=None, streamlit_server=None, timeout=60, log_path=None, prepared=False):
    """Prepare and start ``app`` with exactly ``environment`` on ``port`` (default: a free one) of
    ``host``; yield a ``RunningServer`` once it answers its health check; always stop it.

    A server on every interface (``0.0.0.0``) is checked, and its ``url`` given, on 127.0.0.1.
    Its output goes to ``log_path`` when given (kept), else to a temporary file. ``prepared``: the
    caller has run ``prepare`` already (once for several servers sharing one database).
    """
    port = port or free_port()
    base_url = local_url(host, port)
    command = server_command(app, port, host=host, workers=workers, gunicorn_config=gunicorn_config,
                             wsgi_server=wsgi_server, streamlit_server=streamlit_server)
    if not prepared:
        prepare(app, environment)
    with kept_model(command, environment) as environment, \
            running_server(command, base_url + HEALTH_PATHS[app], env=environment, cwd=REPO_ROOT,
                           timeout=timeout, log_path=log_path) as process:
        yield RunningServer(base_url, process)


def local_url(host, port):
    """The address of a server on ``host:port`` as this machine reaches it: one on every interface
    (``0.0.0.0``) is reached at 127.0.0.1, which works on every system."""
    return f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}"


def shown(command):
    """``command`` as a person types it in the repository's folder: ``python``, relative paths."""
    words = ["python" if word == sys.executable else _relative(word) for word in command]
    return shlex.join(words)


def _relative(word):
    path = Path(word)
    if path.is_absolute() and path.is_relative_to(REPO_ROOT):
        return path.relative_to(REPO_ROOT).as_posix()
    return word
