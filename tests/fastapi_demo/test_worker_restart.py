"""uvicorn with several workers, when one dies after models/ was damaged.

uvicorn starts each worker afresh (it does not fork them from a parent holding the model, as gunicorn
does), so the course gives its workers a private copy of the release that loaded when the server started
(``course_helpers.kept_model``): a worker that replaces a dead one serves what its siblings serve,
whatever has happened to models/ since.
"""

import os
import signal
import sys
from pathlib import Path

import psutil
import pytest
import requests

from course_helpers.kept_model import MODEL_DIR_VARIABLE
from course_helpers.processes import free_port, running_server, server_output
from course_helpers.servers import HEALTH_PATHS, serving_with_process
from penguin_model.examples import GENTOO
from penguin_model.releases import RELEASES_DIR
from tests.observability.conftest import eventually
from tests.support.accidents import damage, kill_a_worker

STARTED = "Application startup complete."  # uvicorn's line when a worker's app is ready


def damage_every_release(models):
    for release in (models / RELEASES_DIR).iterdir():
        damage(release)


def answers_after_a_worker_died(base_url, server, worker_parent_pid):
    """Kill a worker, wait until its replacement has started its app, then ask 20 times; the answers."""
    started = server_output(server).count(STARTED)
    kill_a_worker(worker_parent_pid)
    assert eventually(lambda: server_output(server, limit=10**6).count(STARTED) > started, timeout=60), \
        server_output(server)
    return [requests.post(f"{base_url}/api/predict", json=GENTOO, timeout=30) for _ in range(20)]


def test_a_worker_killed_while_every_release_is_damaged_comes_back_and_serves_the_same_model(models_copy):
    with serving_with_process("fastapi", model_dir=models_copy, workers=2) as (base_url, process):
        served = requests.get(f"{base_url}/api/health", timeout=30).json()["model_version"]
        damage_every_release(models_copy)
        answers = answers_after_a_worker_died(base_url, process, process.pid)
        assert process.poll() is None, server_output(process)
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert {answer.json()["model_version"] for answer in answers} == {served}


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a console event on Windows, not SIGINT")
def test_make_serve_fastapi_gives_its_workers_a_copy_and_removes_it_when_stopped(models_copy):
    """The serve command (`make serve-fastapi`) stays uvicorn's parent, and keeps the copy as long."""
    port = free_port()
    command = [sys.executable, "-m", "course_helpers.serve", "fastapi", "--port", str(port)]
    environment = os.environ | {MODEL_DIR_VARIABLE: str(models_copy)}
    base_url = f"http://127.0.0.1:{port}"
    with running_server(command, base_url + HEALTH_PATHS["fastapi"], env=environment) as serve:
        [uvicorn] = psutil.Process(serve.pid).children()
        copy = Path(uvicorn.environ()[MODEL_DIR_VARIABLE])
        assert copy != models_copy and copy.is_dir() and not copy.is_relative_to(models_copy)
        damage_every_release(models_copy)
        answers = answers_after_a_worker_died(base_url, serve, uvicorn.pid)
        assert [answer.status_code for answer in answers] == [200] * len(answers)
        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=60) == 0, server_output(serve)
    assert not copy.exists()
