"""The servers start as documented: `make serve-*` runs the one command per app, and no model means no start.

The command itself is written once, in ``course_helpers.servers``; every test that needs a real
server starts it through ``serving(...)``, so these tests only check what a student sees.
"""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from course_helpers.processes import ServerDidNotStart, free_port, running_server, server_output
from course_helpers.servers import (
    APP_NAMES,
    APPS,
    DEFAULT_PORTS,
    HEALTH_PATHS,
    NO_DELAY_PROTOCOL,
    SESSIONS_PER_WORKER,
    isolated_environment,
    served_by,
    server_command,
    serving,
    shown,
)
from course_helpers.wsgi_servers import (
    BEYOND_LOOPBACK,
    WAITRESS_THREADS,
    WSGI_SERVER_VARIABLE,
    why_no_gunicorn,
)
from penguin_model.data import REPO_ROOT
from tests.support.make_targets import TRAINED_MODEL
from tests.support.needs import posix_only, require_gunicorn

in_course_venv = pytest.mark.skipif(
    Path(sys.prefix).resolve() != (REPO_ROOT / ".venv").resolve(),
    reason="make runs the course's .venv, and this test session runs another Python",
)


@in_course_venv
@posix_only("make")
@pytest.mark.parametrize("app", APPS)
def test_make_serve_starts_the_real_server_and_stops_with_make(app, model_dir, tmp_path):
    """`make serve-<app>` prints the app's proper name and an address that opens a page, runs the app's one
    command, and when make is stopped, so is the server."""
    port = free_port()
    health = f"http://127.0.0.1:{port}{HEALTH_PATHS[app]}"
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir), "DJANGO_DB_PATH": str(tmp_path / "db")}
    # -o: take the trained model as it is; this test must not retrain models/.
    command = ["make", "--no-print-directory", "-o", TRAINED_MODEL, f"serve-{app}", f"PORT={port}"]
    with running_server(command, health, env=environment, cwd=REPO_ROOT, timeout=120) as make:
        output = server_output(make)
        address = re.search(rf"The {APP_NAMES[app]} app at (http://\S+) \(Ctrl-C stops it\)", output)
        assert address, output
        # The address printed is a page to open (FastAPI's leads to its docs), not a 404.
        page = requests.get(address[1], timeout=10)
    assert address[1] == f"http://127.0.0.1:{port}/"
    assert (page.status_code, page.headers["Content-Type"].split(";")[0]) == (200, "text/html"), page.url
    assert shown(server_command(app, port)) in output
    with pytest.raises(requests.ConnectionError):
        requests.get(health, timeout=10)


# waitress runs one process, whatever the workers: it is tried once.
NO_MODEL_CASES = [(app, workers) for app in APPS for workers in (1, 4)] + [("flask-waitress", 1),
                                                                          ("django-waitress", 1)]


@pytest.mark.parametrize(("app", "workers"), NO_MODEL_CASES)
def test_without_a_model_the_server_stops_with_the_explanation(app, workers, tmp_path):
    """However many workers, the server exits at once with the course's paragraph and no traceback."""
    no_model = tmp_path / "none"
    app, _, wsgi_server = app.partition("-")
    with pytest.raises(ServerDidNotStart) as failure, serving(app, model_dir=no_model, workers=workers,
                                                               wsgi_server=wsgi_server or None):
        pass
    output = str(failure.value)
    # It stopped by itself. (Its exit status is gunicorn's 1, uvicorn's 3 with one worker, but 0 from
    # uvicorn's supervisor of several: it ends "normally" once a worker has failed to start. The course's
    # serve command turns that into 3, below.)
    assert re.search(r"The server exited with code \d+:", output), output
    assert f"The server cannot start: No trained model was found in {tmp_path / 'none'}" in output
    assert "make model" in output
    assert "Traceback" not in output


@posix_only("process groups (os.killpg), to press Ctrl-C as a terminal does")
@pytest.mark.parametrize("app", ["flask", "django"])
def test_serve_under_waitress_names_it_serves_and_stops_on_ctrl_c(app, model_dir, tmp_path, monkeypatch):
    """`python -m course_helpers.serve` as a Windows student gets it: waitress, said and shown."""
    port = free_port()
    monkeypatch.setenv(WSGI_SERVER_VARIABLE, "waitress")
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir), "DJANGO_DB_PATH": str(tmp_path / "db")}
    command = [sys.executable, "-m", "course_helpers.serve", app, "--port", str(port)]
    with running_server(command, f"http://127.0.0.1:{port}/api/health", env=environment, cwd=REPO_ROOT,
                        new_session=True) as server:
        os.killpg(server.pid, signal.SIGINT)
        assert server.wait(30) == 0, server_output(server)
        output = server_output(server)
    assert f"{served_by(app)}, started by:" in output
    assert shown(server_command(app, port)) in output
    assert "Traceback" not in output


@posix_only("process groups (os.killpg), to press Ctrl-C as a console does")
def test_on_windows_serve_waits_for_its_server_and_ctrl_c_stops_both(model_dir):
    """The Windows way of `serve` (a child server, waited for), run here: Ctrl-C reaches both, as a
    console's does; the server stops, and serve ends with its status, with no traceback."""
    port = free_port()
    command = server_command("flask", port, wsgi_server="waitress")
    waiting = [sys.executable, "-c", "import sys; from course_helpers.serve import run_until_it_stops; "
               f"sys.exit(run_until_it_stops({command!r}, None))"]
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    with running_server(waiting, f"http://127.0.0.1:{port}/api/health", env=environment, cwd=REPO_ROOT,
                        new_session=True) as serve:
        os.killpg(serve.pid, signal.SIGINT)
        assert serve.wait(30) == 0, server_output(serve)
        assert "Traceback" not in server_output(serve)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/api/health", timeout=10)


def test_the_streamlit_server_shows_visitors_no_error_details():
    """Streamlit's default, "full", shows a visitor each traceback, with the server's paths in it."""
    from streamlit.config import ShowErrorDetailsConfigOptions

    command = server_command("streamlit", DEFAULT_PORTS["streamlit"])
    assert command[command.index("--client.showErrorDetails") + 1] == ShowErrorDetailsConfigOptions.NONE


def test_served_by_says_which_server_a_chapter_got(monkeypatch):
    monkeypatch.delenv(WSGI_SERVER_VARIABLE, raising=False)
    assert served_by("streamlit") == "Streamlit on its own server (one process)"
    assert served_by("fastapi", workers=1) == "FastAPI under uvicorn (1 worker process)"
    assert served_by("flask", wsgi_server="waitress") == (
        f"Flask under waitress ({WAITRESS_THREADS} threads in one process; "
        f"{why_no_gunicorn() or 'as asked'})")
    monkeypatch.setenv(WSGI_SERVER_VARIABLE, "waitress")
    assert served_by("django").startswith("Django under waitress")
    monkeypatch.setenv(WSGI_SERVER_VARIABLE, "uwsgi")
    with pytest.raises(ValueError, match="PENGUIN_WSGI_SERVER"):
        server_command("flask", 8100)


def test_streamlit_under_uvicorn_gets_workers_and_the_no_delay_protocol_fastapi_gets():
    """The same st.App as `streamlit run` serves, under uvicorn: as FastAPI is started, Nagle off."""
    served = served_by("streamlit", streamlit_server="uvicorn")
    assert served == "Streamlit under uvicorn (2 worker processes)"
    command = server_command("streamlit", 8501, streamlit_server="uvicorn")
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--http") + 1] == NO_DELAY_PROTOCOL
    assert NO_DELAY_PROTOCOL in server_command("fastapi", 8300)
    assert server_command("streamlit", 8501)[1:4] == ["-m", "streamlit", "run"], "the default stays"
    with pytest.raises(ValueError, match="uvicorn"):
        server_command("streamlit", 8501, streamlit_server="tornado")


def test_serving_streamlit_with_uvicorn_workers_says_what_they_cost_the_pages(model_dir, tmp_path):
    """`python -m course_helpers.serve streamlit --streamlit-server uvicorn` prints the command and caveat."""
    port = free_port()
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    command = [sys.executable, "-m", "course_helpers.serve", "streamlit", "--streamlit-server", "uvicorn",
               "--port", str(port)]
    health = f"http://127.0.0.1:{port}/api/health"
    with running_server(command, health, env=environment, cwd=tmp_path) as serve:
        output = server_output(serve)
    assert shown(server_command("streamlit", port, streamlit_server="uvicorn")) in output
    assert SESSIONS_PER_WORKER in output


@posix_only("gunicorn")
def test_gunicorn_is_the_default_where_it_runs(monkeypatch):
    require_gunicorn()
    monkeypatch.delenv(WSGI_SERVER_VARIABLE, raising=False)
    assert served_by("flask") == "Flask under gunicorn (2 worker processes)"
    assert server_command("flask", 8100)[1:3] == ["-m", "gunicorn"]


# gunicorn's master stops in on_starting; a uvicorn worker and the Streamlit script exit with uvicorn's
# STARTUP_FAILURE, which the serve command keeps for FastAPI although uvicorn's supervisor ends with 0.
STATUS_WITHOUT_A_MODEL = {"flask": 1, "django": 1, "fastapi": 3, "streamlit": 3}


@pytest.mark.parametrize("app", APPS)
def test_the_serve_command_fails_with_a_status_when_the_server_cannot_start(app, tmp_path):
    """What `make serve-<app>` runs ends with the explanation and a non-zero status a script can check."""
    environment = isolated_environment(app, tmp_path, model_dir=tmp_path / "none")
    command = [sys.executable, "-m", "course_helpers.serve", app, "--port", str(free_port())]
    done = subprocess.run(command, env=environment, cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == STATUS_WITHOUT_A_MODEL[app], done.stdout + done.stderr
    assert f"The server cannot start: No trained model was found in {tmp_path / 'none'}" in done.stderr
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "penguins.example"])
def test_beyond_loopback_waitress_serves_and_says_why(monkeypatch, host):
    """A server other machines can reach gets one a slow client cannot hold (test_slow_clients.py)."""
    monkeypatch.delenv(WSGI_SERVER_VARIABLE, raising=False)
    assert server_command("django", 8200, host=host)[1:3] == ["-m", "waitress"]
    assert served_by("django", host=host) == (
        f"Django under waitress ({WAITRESS_THREADS} threads in one process; "
        f"{why_no_gunicorn() or BEYOND_LOOPBACK})")


@posix_only("gunicorn")
def test_beyond_loopback_gunicorn_is_still_there_when_asked_for(monkeypatch):
    """For a server that does sit behind a buffering proxy: a container behind nginx."""
    require_gunicorn()
    monkeypatch.setenv(WSGI_SERVER_VARIABLE, "gunicorn")
    assert server_command("flask", 8100, host="0.0.0.0")[1:3] == ["-m", "gunicorn"]


@posix_only("gunicorn")
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_on_loopback_gunicorn_serves(monkeypatch, host):
    require_gunicorn()
    monkeypatch.delenv(WSGI_SERVER_VARIABLE, raising=False)
    assert server_command("flask", 8100, host=host)[1:3] == ["-m", "gunicorn"]
    assert served_by("flask", host=host) == "Flask under gunicorn (2 worker processes)"
