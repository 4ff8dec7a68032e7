"""uvicorn with several workers, when one dies after models/ was damaged.

uvicorn starts each worker afresh (it does not fork them from a parent holding the model, as gunicorn
does), so a worker that replaces a dead one loads the model from disk: the current release if it
loads, else the newest earlier release that does (``penguin_model.releases``). With none left, the
worker cannot start, uvicorn stops the server, and `make serve-fastapi` says so with exit status 3.
"""

import os
import sys

import psutil
import requests

from course_helpers.processes import free_port, running_server, server_output
from course_helpers.servers import HEALTH_PATHS, serving_with_process
from penguin_model.examples import GENTOO
from penguin_model.releases import RELEASES_DIR, current_release
from tests.observability.conftest import eventually
from tests.support.accidents import damage, kill_a_worker


def test_a_killed_worker_comes_back_on_the_earlier_release_and_the_server_answers(models_copy):
    """The replacement names the version it serves, so a client can tell; both workers answer."""
    with serving_with_process("fastapi", model_dir=models_copy, workers=2) as (base_url, process):
        damage(current_release(models_copy))  # 1.1.0; 1.0.0 is left whole
        kill_a_worker(process.pid)
        answers = []

        def the_earlier_release_answers():
            answers.append(requests.post(f"{base_url}/api/predict", json=GENTOO, timeout=30))
            return answers[-1].json()["model_version"] == "1.0.0"

        def the_surviving_worker_answers_too():
            # Which worker accepts a connection is the kernel's choice: ask until the survivor has.
            answers.append(requests.post(f"{base_url}/api/predict", json=GENTOO, timeout=30))
            return answers[-1].json()["model_version"] == "1.1.0"

        assert eventually(the_earlier_release_answers, timeout=60), server_output(process)
        assert eventually(the_surviving_worker_answers_too, timeout=60), server_output(process)
        assert process.poll() is None
        output = server_output(process, limit=10**6)
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert {answer.json()["model_version"] for answer in answers} == {"1.0.0", "1.1.0"}
    fallback = [line for line in output.splitlines() if "Serving the earlier release" in line]
    assert len(fallback) == 1 and "does not match its checksum" in fallback[0], output


def test_with_no_release_left_that_loads_make_serve_fastapi_ends_with_status_3(models_copy):
    """uvicorn's own status would be 0, as after Ctrl-C: the course's serve command says 3 instead."""
    port = free_port()
    command = [sys.executable, "-m", "course_helpers.serve", "fastapi", "--port", str(port)]
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(models_copy)}
    health = f"http://127.0.0.1:{port}{HEALTH_PATHS['fastapi']}"
    with running_server(command, health, env=environment) as serve:
        for release in (models_copy / RELEASES_DIR).iterdir():
            damage(release)
        [uvicorn] = psutil.Process(serve.pid).children()  # the serve command stays uvicorn's parent
        kill_a_worker(uvicorn.pid)
        assert serve.wait(timeout=120) == 3
        output = server_output(serve, limit=10**6)
    assert "failed to start, stopping the parent process" in output
    assert output.rstrip().endswith("uvicorn stopped because a worker could not start; the worker's reason "
                                    "is above."), output
