"""Whatever fails under /api/ — DRF, Django, or a bug — the answer is one of the contract's listed errors.

The common mistakes are in the contract suite; these are the failures a client cannot cause on
purpose, made to happen here.
"""

import io
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from predictor import errors
from rest_framework import exceptions
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from penguin_model import PenguinModel
from penguin_model.examples import GENTOO
from tests.support.api_clients import django_answer
from tests.support.contract_check import assert_listed_error, assert_matches_contract

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("exception", "code"),
    [(exceptions.ParseError(), "invalid_json"), (exceptions.NotAuthenticated(), "not_authenticated"),
     (exceptions.AuthenticationFailed(), "authentication_failed"),
     (exceptions.PermissionDenied(), "permission_denied"), (exceptions.Throttled(), "bad_request")],
    ids=["parse-error", "not-authenticated", "authentication-failed", "permission-denied", "throttled"],
)
def test_any_drf_error_is_answered_with_a_listed_code(exception, code):
    class FailingView(APIView):
        def get(self, request):
            raise exception

    answer = django_answer(FailingView.as_view()(APIRequestFactory().get("/api/failing")))
    assert answer.json()["error"] == code
    assert_listed_error(answer)


def test_a_permission_error_outside_drf_is_a_listed_code():
    request = RequestFactory().get("/api/health")
    answer = django_answer(errors.permission_denied(request, PermissionDenied()))
    assert answer.json()["error"] == "permission_denied"
    assert_listed_error(answer)


def test_a_host_the_server_does_not_serve_is_the_contracts_bad_request():
    """Django refuses an unknown Host before any view runs; under /api/ the answer is still JSON."""
    client = APIClient(raise_request_exception=False)
    answer = django_answer(client.get("/api/health", HTTP_HOST="evil.example"))
    assert (answer.status, answer.json()["error"]) == (400, "bad_request")
    assert_matches_contract("GET", "/api/health", answer)


@pytest.mark.parametrize("host", ["evil.example", "evil.example." + "x" * 5000], ids=["short", "very-long"])
def test_a_refused_host_is_one_short_warning_line_not_a_traceback(host):
    """Django logs it as an error with the whole traceback; it is the client's doing: one line, and short."""
    # The handler the settings give it (pytest adds handlers of its own), with its filter and format.
    [handler] = [each for each in logging.getLogger("django.security").handlers
                 if type(each) is logging.StreamHandler]
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        APIClient(raise_request_exception=False).get("/api/health", HTTP_HOST=host)
    finally:
        handler.setStream(previous)
    [line] = written.getvalue().splitlines()
    assert line.startswith("WARNING django.security.DisallowedHost: Invalid HTTP_HOST header: 'evil.example")
    assert len(line) < 600


def test_a_bug_is_the_contracts_json_500_without_internals(monkeypatch):
    """A failure inside the server is answered as docs/openapi.yaml describes a 500, and hides its cause."""
    monkeypatch.setattr(PenguinModel, "predict", fail_with_a_secret)
    client = APIClient(raise_request_exception=False)  # answer as a server would, instead of raising
    answer = django_answer(client.post("/api/predict", GENTOO, format="json"))
    assert (answer.status, answer.json()["error"]) == (500, "internal_error")
    assert b"secret" not in answer.body
    assert_matches_contract("POST", "/api/predict", answer)


def fail_with_a_secret(*arguments):
    raise RuntimeError("secret internal detail")
