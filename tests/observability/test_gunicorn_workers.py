"""Under a real gunicorn with several workers: /metrics counts every worker's requests, once each, and a
worker that dies comes back with the model, whatever happened to models/ since the start.

gunicorn's workers are separate processes; the course's gunicorn settings give them one shared
metrics folder per server start (``course_helpers.gunicorn_config``).
"""

import json
import os
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from course_helpers.gunicorn_config import PRELOADED
from course_helpers.processes import ServerDidNotStart, server_output
from course_helpers.servers import serving, serving_with_process
from penguin_model import load_model, publish_model
from penguin_model.examples import GENTOO
from penguin_model.releases import RELEASES_DIR
from tests.observability.conftest import WSGI_APPS, eventually, sample_values
from tests.support.accidents import damage, kill_a_worker, worker_pids
from tests.support.needs import posix_only, require_gunicorn

pytestmark = posix_only("gunicorn (and SIGHUP, its reload signal)")
BATCHES = 24
BATCH = {"instances": [GENTOO] * 500}


@pytest.fixture(autouse=True)
def gunicorn_runs():
    require_gunicorn()


def counted(base_url, endpoint):
    """How many POSTs to ``endpoint`` the server's /metrics has counted with status 200."""
    text = requests.get(f"{base_url}/metrics", timeout=30).text
    series = frozenset({"endpoint": endpoint, "method": "POST", "status": "200"}.items())
    return sample_values(text, "penguin_http_requests_total").get(series, 0)


def batches_counted(base_url):
    return counted(base_url, "/api/predict/batch")


def predictions_counted(base_url):
    return counted(base_url, "/api/predict")


def model_versions_shown(base_url):
    text = requests.get(f"{base_url}/metrics", timeout=30).text
    shown = sample_values(text, "penguin_model_info")
    return {dict(labels)["model_version"]: value for labels, value in shown.items()}


def access_lines(process):
    output = server_output(process, limit=10**7)
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def post_predictions(base_url, request_ids, path="/api/predict", body=GENTOO):
    """POST ``body`` once per request id, 8 at a time; return the statuses."""
    def post(request_id):
        headers = {"X-Request-ID": request_id}
        return requests.post(base_url + path, json=body, headers=headers, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(post, request_ids))


@pytest.mark.parametrize("app", WSGI_APPS)
def test_metrics_and_log_hold_every_request_of_every_worker(app, model_dir):
    """Batches, 8 at a time: each keeps a worker busy long enough for the other to take the next."""
    request_ids = [f"{app}-test-{number}" for number in range(BATCHES)]
    with serving_with_process(app, model_dir=model_dir, workers=2) as (base_url, process):
        statuses = post_predictions(base_url, request_ids, path="/api/predict/batch", body=BATCH)
        assert statuses == [200] * BATCHES
        eventually(lambda: batches_counted(base_url) >= BATCHES)
        # Each scrape is answered by either worker; every one of them sees the total.
        assert [batches_counted(base_url) for _ in range(6)] == [BATCHES] * 6
        lines = [line for line in access_lines(process) if line["path"] == "/api/predict/batch"]
        output = server_output(process, limit=10**7)
    assert sorted(line["client_request_id"] for line in lines) == sorted(request_ids)
    assert {line["status"] for line in lines} == {200}
    assert len({line["pid"] for line in lines}) == 2, "both workers answered, so both were added up"
    assert '"POST /api/predict/batch HTTP/1.1"' not in output, "gunicorn's own access log is off"


@pytest.mark.parametrize("app", WSGI_APPS)
def test_a_reload_with_a_new_model_keeps_the_counts_and_shows_only_the_new_version(
        app, models_copy, training_result):
    """gunicorn's graceful reload (HUP): new workers with the new model; the old ones' counts stay."""
    old_version = load_model(models_copy).version
    with serving_with_process(app, model_dir=models_copy, workers=2) as (base_url, process):
        assert post_predictions(base_url, [f"before-{number}" for number in range(10)]) == [200] * 10
        eventually(lambda: predictions_counted(base_url) == 10)
        assert model_versions_shown(base_url) == {old_version: 1}
        pipeline, card, _ = training_result
        publish_model(pipeline, card | {"model_version": "2.0.0"}, models_copy)
        os.kill(process.pid, signal.SIGHUP)
        # The old workers stop once the new ones run; the master then drops their "live" figures.
        eventually(lambda: model_versions_shown(base_url) == {"2.0.0": 1})
        assert model_versions_shown(base_url) == {"2.0.0": 1}
        assert requests.get(f"{base_url}/api/health", timeout=30).json()["model_version"] == "2.0.0"
        assert predictions_counted(base_url) == 10


def answered_by(base_url, process, pid):
    """Send batches, 8 at a time, until one of them is answered by the worker ``pid``; whether one was."""
    def answered():
        post_predictions(base_url, [f"probe-{number}" for number in range(8)], "/api/predict/batch", BATCH)
        return pid in {line["pid"] for line in access_lines(process)}

    return eventually(answered, timeout=60)


@pytest.mark.parametrize("app", WSGI_APPS)
def test_a_worker_killed_while_every_release_is_damaged_comes_back_and_answers(app, models_copy):
    """A crash, the out-of-memory killer or gunicorn's timeout ends a worker after models/ was damaged: the
    new worker starts with the model the master holds, and the server goes on answering. A reload (HUP)
    then refuses the damaged model and keeps serving the one it has.
    """
    with serving_with_process(app, model_dir=models_copy, workers=2) as (base_url, process):
        for release in (models_copy / RELEASES_DIR).iterdir():
            damage(release)
        first_workers = worker_pids(process.pid)
        kill_a_worker(process.pid)
        assert eventually(lambda: len(worker_pids(process.pid) - first_workers) == 1), server_output(process)
        [replacement] = worker_pids(process.pid) - first_workers
        assert answered_by(base_url, process, replacement), server_output(process)
        before_reload = worker_pids(process.pid)
        os.kill(process.pid, signal.SIGHUP)
        assert eventually(lambda: "Still serving model 1.1.0." in server_output(process, limit=10**7))
        assert eventually(lambda: not worker_pids(process.pid) & before_reload)
        assert post_predictions(base_url, [f"after-{number}" for number in range(20)]) == [200] * 20
        health = requests.get(f"{base_url}/api/health", timeout=30)
        assert health.json() == {"status": "ok", "model_version": "1.1.0"}
        assert process.poll() is None
        output, lines = server_output(process, limit=10**7), access_lines(process)
    assert "Worker failed to boot" not in output and "The server cannot start" not in output
    assert {line["model_version"] for line in lines} == {"1.1.0"}


def test_the_metrics_folder_is_removed_when_the_server_stops(model_dir, tmp_path):
    with serving("flask", model_dir=model_dir, environment={"TMPDIR": str(tmp_path)}) as base_url:
        requests.get(f"{base_url}/api/health", timeout=30)
        assert [path.name.startswith("penguin-metrics-") for path in tmp_path.iterdir()] == [True]
    assert list(tmp_path.iterdir()) == []


def test_preloading_the_app_is_refused_with_the_reason(model_dir, tmp_path):
    """With --preload the workers would inherit one-process metrics and count only their own requests."""
    settings = tmp_path / "preloading.py"
    settings.write_text("from course_helpers.gunicorn_config import *  # noqa: F403\npreload_app = True\n")
    with pytest.raises(ServerDidNotStart) as failure, serving("flask", model_dir=model_dir,
                                                              gunicorn_config=str(settings)):
        pass
    assert PRELOADED in str(failure.value)
