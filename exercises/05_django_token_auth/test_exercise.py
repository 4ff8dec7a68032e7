"""Checks for exercise 05 · Token authentication. Run: make check EXERCISE=05_django_token_auth"""

import hmac
import json
import secrets

import pytest
from rest_framework.test import APIRequestFactory

from penguin_model import model_directory
from penguin_model.examples import GENTOO

pytestmark = pytest.mark.django_db  # a successful prediction is stored in the (test) database

TOKEN = "course-token-1"


@pytest.fixture(autouse=True)
def tokens_and_model(settings, model):  # model first: without one, the check says what to run
    settings.PENGUIN_MODEL_DIR = model_directory()
    settings.PREDICTION_API_TOKENS = [TOKEN]


def call(exercise, authorization=None):
    """POST a Gentoo to your ProtectedPredictView, optionally with an Authorization header."""
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    request = APIRequestFactory().post("/api/protected/predict", GENTOO, format="json", **headers)
    try:
        response = exercise.ProtectedPredictView.as_view()(request)
    except Exception as problem:  # noqa: BLE001 - any crash is a 500 for this client: say so in words
        if isinstance(problem, NotImplementedError):
            raise
        pytest.fail(f"With Authorization {authorization!r} your view raised {type(problem).__name__}: "
                    f"{problem}. A real server would answer 500 to a client's mistake.", pytrace=False)
    if not hasattr(response, "data"):  # the project answers errors with plain JSON responses
        response.data = json.loads(response.content)
    return response


def test_no_token_is_a_401_that_says_how_to_authenticate(exercise):
    response = call(exercise)
    assert response.status_code == 401, (
        f"Without a token the answer should be 401, got {response.status_code}: 200 means the view lets "
        "anyone in (README.md, step 3); 403 means DRF does not know which scheme to ask for (step 2).")
    assert response.data["error"] == "not_authenticated", (
        f"Without a token the error code should be 'not_authenticated', got {response.data['error']!r}: "
        "a request without a token has not tried to authenticate.")
    assert response.get("WWW-Authenticate") == "Bearer", "A 401 must carry 'WWW-Authenticate: Bearer'."


@pytest.mark.parametrize("authorization", ["Bearer wrong-token", f"Bearer {TOKEN}x", "Bearer " + TOKEN[:-1],
                                           "Bearer tökén"])
def test_a_wrong_token_is_refused(exercise, authorization):
    response = call(exercise, authorization)
    assert response.status_code == 401, (
        f"{authorization!r} should be refused with 401, got {response.status_code}.")
    assert response.data["error"] == "authentication_failed", (
        f"An unknown token should be refused with the code 'authentication_failed'; got {response.data}.")
    assert response.data["message"].strip(), "Give AuthenticationFailed a sentence that says what to do."


def compare_digest_stand_in(exercise, monkeypatch, answer=None):
    """Put a stand-in for compare_digest wherever your code can call it from: ``secrets.compare_digest``,
    ``hmac.compare_digest`` (the same function), or a name your file imported from either. It counts its
    calls and answers ``answer``, or what the real one answers when ``answer`` is None.

    Asking the function, rather than timing the view, keeps the check exact on any machine.
    """
    real, calls = hmac.compare_digest, []

    def stand_in(first, second):
        calls.append((first, second))
        return real(first, second) if answer is None else answer

    for module in (secrets, hmac):
        monkeypatch.setattr(module, "compare_digest", stand_in)
    for name, value in list(vars(exercise).items()):
        if value is real:
            monkeypatch.setattr(exercise, name, stand_in)
    return calls


def test_tokens_are_compared_in_constant_time(exercise, monkeypatch):
    calls = compare_digest_stand_in(exercise, monkeypatch)
    assert call(exercise, "Bearer wrong-token").status_code == 401
    assert calls, (
        "Your view refused a wrong token without calling compare_digest: it was decided by ==, `in` or "
        "another comparison that stops at the first character that differs, not by compare_digest "
        "(README.md, step 1, says why).")
    compare_digest_stand_in(exercise, monkeypatch, answer=False)
    assert call(exercise, f"Bearer {TOKEN}").status_code == 401, (
        "compare_digest was made to say that the right token matches no known token, yet your view let "
        "it in: the verdict came from another comparison, not by compare_digest. Let its answer decide.")


def test_the_right_token_gets_a_prediction_and_no_token_does_not(exercise):
    with_token = call(exercise, f"Bearer {TOKEN}")
    assert with_token.status_code == 200, f"The right token should be accepted: {with_token.data}"
    assert with_token.data["species"] == "Gentoo", (
        f"The right token got {with_token.data} instead of the project's prediction of a Gentoo.")
    assert call(exercise).status_code == 401, "The same request without the token must still be refused."


def test_other_schemes_are_not_tokens(exercise):
    response = call(exercise, f"Basic {TOKEN}")
    assert response.status_code == 401, "Only 'Bearer <token>' counts; 'Basic ...' is not a bearer token."
    assert response.data["error"] == "not_authenticated", (
        "A header with another scheme is not an attempt to use a token: DRF's guide, \"Custom "
        "authentication\", says what authenticate does then.")


def test_tokens_come_from_the_setting(exercise, settings):
    settings.PREDICTION_API_TOKENS = ["a-new-token"]
    assert call(exercise, f"Bearer {TOKEN}").status_code == 401, (
        "After the setting changed, the old token must be refused: read settings.PREDICTION_API_TOKENS "
        "on every request instead of copying the tokens into your code.")
    assert call(exercise, "Bearer a-new-token").status_code == 200, "The token from the setting must work."
