"""A database outage under a real gunicorn: answered as what it is, and recovered from without a restart.

PostgreSQL is stopped under the running project (``course_helpers.postgres.stopped``) and started again.
While it is down, what needs it answers 503 with Retry-After and one log line each, never a 500 "bug"
with a traceback; the liveness check stays 200 and the readiness check says 503. Once it is back, the
workers reconnect by themselves.
"""

import time

import pytest
import requests

from api_contract import RETRY_AFTER_SECONDS, error_message
from course_helpers.history import stored_predictions
from course_helpers.postgres import create_database, stopped
from course_helpers.processes import server_output
from course_helpers.servers import serving_with_process
from penguin_model.examples import GENTOO
from tests.support.api_clients import ApiResponse, media_type
from tests.support.contract_check import assert_matches_contract
from tests.support.needs import require_gunicorn

REQUESTS_DURING = 6


@pytest.fixture(scope="module")
def project_on_postgresql(model_dir, postgres_url):
    """The project under a real 2-worker gunicorn on a new PostgreSQL database: (url, process, database)."""
    require_gunicorn()
    database = {"DJANGO_DATABASE_URL": create_database(postgres_url, "outage")}
    with serving_with_process("django", model_dir=model_dir, workers=2, environment=database) as server:
        yield server.url, server.process, database


def api(method, url, **options):
    """A request whose JSON answer must be one the contract allows; the answer."""
    answer = requests.request(method, url, timeout=30, **options)
    seen = ApiResponse(answer.status_code, media_type(answer.headers.get("Content-Type")), answer.content)
    assert_matches_contract(method, "/" + url.split("/", 3)[3], seen)
    return answer


def eventually_ok(url, timeout=60):
    """Poll ``url`` until it answers 200 (the workers reconnect on their next request); its last answer."""
    deadline = time.monotonic() + timeout
    while (answer := requests.get(url, timeout=30)).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    return answer


def test_an_outage_is_a_503_with_retry_after_then_everything_recovers(project_on_postgresql, postgres_url):
    base_url, process, database = project_on_postgresql
    assert api("POST", f"{base_url}/api/predict", json=GENTOO).status_code == 200
    assert api("GET", f"{base_url}/api/ready").status_code == 200

    with stopped(postgres_url):
        predictions = [api("POST", f"{base_url}/api/predict", json=GENTOO) for _ in range(REQUESTS_DURING)]
        ready = api("GET", f"{base_url}/api/ready")
        health = api("GET", f"{base_url}/api/health")
        history = requests.get(f"{base_url}/history/", timeout=30)
        output = server_output(process, limit=10**6)

    for answer in [*predictions, ready]:
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        unavailable = error_message("service_unavailable")
        assert answer.json() == {"error": "service_unavailable", "message": unavailable, "details": []}
    assert health.status_code == 200, "liveness does not depend on the database"
    assert (history.status_code, history.headers["Retry-After"]) == (503, str(RETRY_AFTER_SECONDS))
    assert history.headers["Content-Type"].startswith("text/html") and "try again" in history.text
    warnings = [line for line in output.splitlines() if "Database unavailable, answered 503" in line]
    assert len(warnings) == REQUESTS_DURING + 2, output[-3000:]  # one line per refused request
    assert "Traceback" not in output and "Internal Server Error" not in output

    assert eventually_ok(f"{base_url}/api/ready").json()["status"] == "ready"
    assert api("POST", f"{base_url}/api/predict", json=GENTOO).status_code == 200
    assert requests.get(f"{base_url}/history/", timeout=30).status_code == 200
    assert stored_predictions(database, "api") == 2, "the refused predictions stored nothing"
