"""The servers start as documented: `make serve-*` runs the one command per app, and no model means no start.

The command itself is written once, in ``course_helpers.servers``; every test that needs a real
server starts it through ``serving(...)``, so these tests only check what a student sees.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from course_helpers.processes import ServerDidNotStart, free_port, running_server, server_output
from course_helpers.servers import APPS, HEALTH_PATHS, isolated_environment, server_command, serving, shown
from penguin_model.data import REPO_ROOT
from tests.support.make_targets import TRAINED_MODEL

in_course_venv = pytest.mark.skipif(
    Path(sys.prefix).resolve() != (REPO_ROOT / ".venv").resolve(),
    reason="make runs the course's .venv, and this test session runs another Python",
)


@in_course_venv
@pytest.mark.parametrize("app", APPS)
def test_make_serve_starts_the_real_server_and_stops_with_make(app, model_dir, tmp_path):
    """`make serve-<app>` prints and runs the app's one command; when make is stopped, so is the server."""
    port = free_port()
    health = f"http://127.0.0.1:{port}{HEALTH_PATHS[app]}"
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir), "DJANGO_DB_PATH": str(tmp_path / "db")}
    # -o: take the trained model as it is; this test must not retrain models/.
    command = ["make", "--no-print-directory", "-o", TRAINED_MODEL, f"serve-{app}", f"PORT={port}"]
    with running_server(command, health, env=environment, cwd=REPO_ROOT, timeout=120) as make:
        output = server_output(make)
    assert shown(server_command(app, port)) in output
    with pytest.raises(requests.ConnectionError):
        requests.get(health, timeout=10)


@pytest.mark.parametrize("workers", [1, 4])
@pytest.mark.parametrize("app", ["flask", "django", "fastapi", "streamlit"])
def test_without_a_model_the_server_stops_with_the_explanation(app, workers, tmp_path):
    """However many workers, the server exits at once with the course's paragraph and no traceback."""
    no_model = tmp_path / "none"
    with pytest.raises(ServerDidNotStart) as failure, serving(app, model_dir=no_model, workers=workers):
        pass
    output = str(failure.value)
    # It stopped by itself. (Its exit status is gunicorn's 1, uvicorn's 3 with one worker, but 0 from
    # uvicorn's supervisor of several: it ends "normally" once a worker has failed to start. The course's
    # serve command turns that into 3, below.)
    assert re.search(r"The server exited with code \d+:", output), output
    assert f"The server cannot start: No trained model was found in {tmp_path / 'none'}" in output
    assert "make model" in output
    assert "Traceback" not in output


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
