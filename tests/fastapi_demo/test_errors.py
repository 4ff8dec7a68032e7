"""Whatever fails — Starlette, FastAPI, or a bug — the answer is one of the contract's listed errors.

The common mistakes are in the contract suite; these are the failures a client cannot cause on
purpose, made to happen here.
"""

import pytest
from fastapi import HTTPException

from penguin_model import PenguinModel
from penguin_model.examples import GENTOO
from tests.support.contract_check import assert_listed_error, assert_matches_contract


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "bad_request"), (401, "not_authenticated"), (403, "permission_denied"), (418, "bad_request"),
     (500, "internal_error"), (503, "service_unavailable")],
)
def test_any_http_error_is_answered_with_a_listed_code(app, client, status, code):
    @app.get("/api/failing")
    def failing():
        raise HTTPException(status)

    answer = client.request("GET", "/api/failing")
    assert answer.json()["error"] == code
    assert_listed_error(answer)


def test_a_bug_is_the_contracts_json_500_without_internals(client, monkeypatch):
    """A failure inside the server is answered as docs/openapi.yaml describes a 500, and hides its cause."""
    monkeypatch.setattr(PenguinModel, "predict", fail_with_a_secret)
    answer = client.request("POST", "/api/predict", body=GENTOO)
    assert (answer.status, answer.json()["error"]) == (500, "internal_error")
    assert b"secret" not in answer.body
    assert_matches_contract("POST", "/api/predict", answer)


def fail_with_a_secret(*arguments):
    raise RuntimeError("secret internal detail")
