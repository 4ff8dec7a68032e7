"""Whatever fails under /api/ — Werkzeug, Flask, or a bug — the answer is one of the contract's listed errors.

The common mistakes are in the contract suite; these are the failures a client cannot cause on
purpose, made to happen here.
"""

import pytest
from flask import abort
from flask_demo import create_app

from api_contract import RETRY_AFTER_SECONDS
from penguin_model import PenguinModel
from penguin_model.examples import GENTOO
from tests.support.api_clients import FlaskTestClient
from tests.support.contract_check import assert_listed_error, assert_matches_contract


@pytest.fixture
def server_app(model_dir, monkeypatch):
    """The app as a server runs it: not TESTING, so errors go to the handlers instead of the test."""
    app = create_app({"MODEL_DIR": str(model_dir)})
    # Flask logs each traceback for the operator; keep test output quiet (the logger outlives the test).
    monkeypatch.setattr(app.logger, "disabled", True)
    return app


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "bad_request"), (401, "not_authenticated"), (403, "permission_denied"), (418, "bad_request"),
     (500, "internal_error"), (503, "service_unavailable")],
)
def test_any_http_error_is_answered_with_a_listed_code(server_app, status, code):
    server_app.before_request(lambda: abort(status))
    answer = FlaskTestClient(server_app).request("GET", "/api/health")
    assert answer.json()["error"] == code
    assert_listed_error(answer)


def test_a_503_says_when_to_try_again(server_app):
    server_app.before_request(lambda: abort(503))
    answer = FlaskTestClient(server_app).request("GET", "/api/health")
    assert answer.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_a_host_outside_trusted_hosts_is_refused_in_json_with_one_warning_line(model_dir, caplog):
    """Flask checks the Host header only when TRUSTED_HOSTS is set (PENGUIN_FLASK_TRUSTED_HOSTS)."""
    app = create_app({"MODEL_DIR": str(model_dir), "TRUSTED_HOSTS": ["127.0.0.1", "localhost"]})
    client = app.test_client()
    refused = client.get("/api/health", headers={"Host": "evil.example"})
    assert (refused.status_code, refused.json["error"]) == (400, "bad_request")
    assert client.get("/api/health", headers={"Host": "localhost"}).status_code == 200
    [record] = [record for record in caplog.records if record.name == app.logger.name]
    assert (record.levelname, record.exc_info) == ("WARNING", None)
    assert "'evil.example'" in record.getMessage() and "TRUSTED_HOSTS" in record.getMessage()


def test_a_bug_is_the_contracts_json_500_without_internals(server_app, monkeypatch):
    """A failure inside the server is answered as docs/openapi.yaml describes a 500, and hides its cause."""
    monkeypatch.setattr(PenguinModel, "predict", fail_with_a_secret)
    answer = FlaskTestClient(server_app).request("POST", "/api/predict", body=GENTOO)
    assert (answer.status, answer.json()["error"]) == (500, "internal_error")
    assert b"secret" not in answer.body
    assert_matches_contract("POST", "/api/predict", answer)


def fail_with_a_secret(*arguments):
    raise RuntimeError("secret internal detail")
