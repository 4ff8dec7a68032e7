"""Whatever fails under /api/ — Werkzeug, Flask, or a bug — the answer is one of the contract's listed errors.

The common mistakes are in the contract suite; these are the failures a client cannot cause on
purpose, made to happen here.
"""

import pytest
from flask import abort
from flask_demo import create_app

from penguin_model import PenguinModel
from penguin_model.examples import GENTOO
from tests.support.api_clients import FlaskTestClient
from tests.support.contract_check import assert_listed_error, assert_matches_contract


@pytest.fixture
def server_app(model_dir):
    """The app as a server runs it: not TESTING, so errors go to the handlers instead of the test."""
    app = create_app({"MODEL_DIR": str(model_dir)})
    app.logger.disabled = True  # Flask logs each traceback for the operator; keep test output quiet
    return app


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "bad_request"), (401, "not_authenticated"), (403, "permission_denied"), (418, "bad_request"),
     (503, "internal_error")],
)
def test_any_http_error_is_answered_with_a_listed_code(server_app, status, code):
    server_app.before_request(lambda: abort(status))
    answer = FlaskTestClient(server_app).request("GET", "/api/health")
    assert answer.json()["error"] == code
    assert_listed_error(answer)


def test_a_bug_is_the_contracts_json_500_without_internals(server_app, monkeypatch):
    """A failure inside the server is answered as docs/openapi.yaml describes a 500, and hides its cause."""
    monkeypatch.setattr(PenguinModel, "predict", fail_with_a_secret)
    answer = FlaskTestClient(server_app).request("POST", "/api/predict", body=GENTOO)
    assert (answer.status, answer.json()["error"]) == (500, "internal_error")
    assert b"secret" not in answer.body
    assert_matches_contract("POST", "/api/predict", answer)


def fail_with_a_secret(*arguments):
    raise RuntimeError("secret internal detail")
