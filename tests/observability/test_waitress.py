"""Under waitress, the server a Windows student gets: one process, several threads, the same log and metrics.

prometheus_client keeps its figures in that one process's memory, shared by its threads
(``course_helpers.waitress_apps``): /metrics counts every request once, and the JSON log has a line
for each, all with the process's pid.
"""

import psutil
import pytest

from course_helpers.servers import serving_with_process
from course_helpers.wsgi_servers import WAITRESS_THREADS
from tests.observability.conftest import WSGI_APPS, eventually
from tests.observability.test_gunicorn_workers import (
    access_lines,
    model_versions_shown,
    post_predictions,
    predictions_counted,
)

REQUESTS = 40


@pytest.mark.parametrize("app", WSGI_APPS)
def test_threads_share_one_count_and_every_request_has_its_json_line(app, model_dir, model, tmp_path):
    """Requests 8 at a time over waitress's threads: each counted once, each logged once, by one process.

    A PROMETHEUS_MULTIPROC_DIR left in the environment (from gunicorn's settings) must not make the
    server read or write files there.
    """
    left_over = tmp_path / "metrics-of-another-server"
    left_over.mkdir()
    request_ids = [f"{app}-waitress-{number}" for number in range(REQUESTS)]
    environment = {"PROMETHEUS_MULTIPROC_DIR": str(left_over)}
    with serving_with_process(app, model_dir=model_dir, environment=environment,
                              wsgi_server="waitress") as (base_url, process):
        assert post_predictions(base_url, request_ids) == [200] * REQUESTS
        eventually(lambda: predictions_counted(base_url) >= REQUESTS)
        assert predictions_counted(base_url) == REQUESTS
        assert model_versions_shown(base_url) == {model.version: 1}
        # The venv's python.exe on Windows starts the interpreter as a child: its pid is the server's.
        server_pids = {process.pid} | {child.pid for child in psutil.Process(process.pid).children()}
        threads = psutil.Process(max(server_pids)).num_threads()
        lines = [line for line in access_lines(process) if line["path"] == "/api/predict"]
    assert sorted(line["client_request_id"] for line in lines) == sorted(request_ids)
    assert {(line["status"], line["model_version"]) for line in lines} == {(200, model.version)}
    assert {line["pid"] for line in lines} <= server_pids and len({line["pid"] for line in lines}) == 1
    assert threads > WAITRESS_THREADS, "waitress's worker threads, besides the main one"
    assert list(left_over.iterdir()) == []
