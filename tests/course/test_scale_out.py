"""Several instances behind nginx (``course_helpers.scale_out``, `make serve-scaled`), as in chapter 07.

What every API answers through nginx is the contract suite's job (its ``*-nginx`` targets); these
tests check what the load balancer itself promises: a valid configuration, requests shared out,
the request id passed on, a JSON answer when no instance is left, and a clean start and stop.
"""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
import requests

from api_contract import MAX_BODY_BYTES, error_message
from course_helpers.processes import free_port, port_is_free, running_server, server_output
from course_helpers.scale_out import behind_nginx, nginx_config, nginx_program
from penguin_model.data import REPO_ROOT
from penguin_model.examples import GENTOO
from tests.support.make_targets import TRAINED_MODEL
from tests.support.needs import require_nginx


@pytest.fixture(autouse=True)
def needs_nginx():
    require_nginx()


@pytest.fixture(scope="module")
def deployment(model_dir):
    require_nginx()
    with behind_nginx("flask", instances=2, model_dir=model_dir) as running:
        yield running


def test_nginx_accepts_the_configuration_it_is_given(tmp_path):
    """`nginx -t` checks the file filled in from deploy/nginx/penguin.conf, as nginx will read it."""
    config = tmp_path / "nginx.conf"
    instances = ["127.0.0.1:8401", "127.0.0.1:8402"]
    text = nginx_config("127.0.0.1:8400", instances, tmp_path, down={instances[1]})
    config.write_text(text, encoding="utf-8")
    checked = subprocess.run([nginx_program(), "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(config)],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert f"client_max_body_size {MAX_BODY_BYTES};" in config.read_text(encoding="utf-8")


def test_requests_are_shared_out_and_keep_the_clients_request_id(deployment):
    for number in range(12):
        answer = requests.post(f"{deployment.url}/api/predict", json=GENTOO, timeout=10,
                               headers={"X-Request-ID": f"test-{number}"})
        assert answer.json()["species"] == "Gentoo"
    predictions = [entry for entry in deployment.access_log() if entry["request"].startswith("POST ")]
    assert {entry["request_id"] for entry in predictions} >= {f"test-{number}" for number in range(12)}
    assert {entry["upstream"] for entry in predictions} == {server.url.removeprefix("http://")
                                                            for server in deployment.instances}


def test_nginx_and_the_app_log_one_id_even_for_a_request_id_that_is_not_a_plain_token(deployment):
    """nginx replaces what the app would refuse to keep, so both logs name the request alike."""
    answer = requests.get(f"{deployment.url}/api/health", headers={"X-Request-ID": "two words"}, timeout=10)
    replaced = answer.headers["X-Request-ID"]
    assert re.fullmatch("[0-9a-f]{32}", replaced)
    deadline = time.monotonic() + 5  # nginx writes its line as the answer ends
    while replaced not in {entry["request_id"] for entry in deployment.access_log()}:
        assert time.monotonic() < deadline, "nginx logged another id than the app answered with"
        time.sleep(0.05)


def test_metrics_are_not_served_to_the_public(deployment):
    assert requests.get(f"{deployment.url}/metrics", timeout=10).status_code == 403


def test_with_no_instance_left_nginx_answers_the_contracts_503(model_dir):
    with behind_nginx("flask", instances=1, model_dir=model_dir) as running:
        (instance,) = running.instances
        instance.process.terminate()
        instance.process.wait(timeout=30)
        answer = requests.post(f"{running.url}/api/predict", json=GENTOO, timeout=10)
    assert answer.status_code == 503
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["Retry-After"] == "1"
    assert answer.json()["error"] == "service_unavailable"
    assert answer.json()["message"] == error_message("service_unavailable")


def test_an_instance_taken_out_of_rotation_gets_no_more_requests(model_dir):
    with behind_nginx("flask", instances=2, model_dir=model_dir) as running:
        running.take_out_of_rotation(0)
        before = len(running.access_log())
        for _ in range(10):
            requests.post(f"{running.url}/api/predict", json=GENTOO, timeout=10).raise_for_status()
        upstreams = {entry["upstream"] for entry in running.access_log()[before:]}
    assert upstreams == {running.instances[1].url.removeprefix("http://")}


def wait_for_text(process, text, timeout=30):
    deadline = time.monotonic() + timeout
    while text not in server_output(process):
        assert time.monotonic() < deadline, f"{text!r} never printed: {server_output(process)}"
        time.sleep(0.1)


def free_ports_in_a_row(count):
    """A port whose next ``count - 1`` ports are free too (make serve-scaled puts instances there)."""
    for _ in range(50):
        first = free_port()
        if all(port_is_free(first + offset) for offset in range(1, count)):
            return first
    raise RuntimeError("no block of free ports found")


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a console event on Windows, not SIGINT")
def test_make_serve_scaled_starts_everything_and_ctrl_c_stops_everything(model_dir):
    """The documented command: nginx on PORT, the instances after it; Ctrl-C leaves no process behind."""
    port = free_ports_in_a_row(3)
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    command = ["make", "--no-print-directory", "-o", TRAINED_MODEL, "serve-scaled", f"PORT={port}",
               "INSTANCES=2", f"PYTHON={sys.executable}"]
    with running_server(command, f"http://127.0.0.1:{port}/api/health", env=environment, cwd=REPO_ROOT,
                        timeout=120, new_session=True) as make:
        for instance_port in (port + 1, port + 2):
            assert requests.get(f"http://127.0.0.1:{instance_port}/api/health", timeout=10).ok
        wait_for_text(make, "Ctrl-C stops them all.")
        page = requests.get(f"http://127.0.0.1:{port}/", timeout=10)  # the address it prints: the form
        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: every process of the group
        make.wait(timeout=60)
        output = server_output(make)
    assert "Starting 2 Flask instances and nginx" in output
    assert f"nginx at http://127.0.0.1:{port}/ in front of:" in output
    assert (page.status_code, page.headers["Content-Type"].split(";")[0]) == (200, "text/html")
    assert "Stopped nginx and the instances." in output
    assert "Traceback" not in output
    assert group_ended(make.pid), "a process of the group is still running"
    assert all(port_is_free(port + offset) for offset in range(3)), output


def group_ended(group, timeout=30):
    """Whether every process of the process group ``group`` has ended within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # posix only: the test above, which Windows skips. Signal 0 asks if the group has a process.
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False
