"""Checks for exercise 05 · Token authentication. Run: make check EXERCISE=05_django_token_auth"""

import json

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
    response = exercise.ProtectedPredictView.as_view()(request)
    if not hasattr(response, "data"):  # the project answers errors with plain JSON responses
        response.data = json.loads(response.content)
    return response


def test_no_token_is_a_401_that_says_how_to_authenticate(exercise):
    response = call(exercise)
    assert response.status_code == 401, (
        f"Without a token the answer should be 401, got {response.status_code}. Did you set "
        "permission_classes = [IsAuthenticated] and make authenticate_header return 'Bearer'?")
    assert response.data["error"] == "not_authenticated", response.data
    assert response.get("WWW-Authenticate") == "Bearer", "A 401 must carry 'WWW-Authenticate: Bearer'."


@pytest.mark.parametrize("authorization", ["Bearer wrong-token", f"Bearer {TOKEN}x", "Bearer " + TOKEN[:-1],
                                           "Bearer tökén"])
def test_a_wrong_token_is_refused(exercise, authorization):
    response = call(exercise, authorization)
    assert response.status_code == 401, (
        f"{authorization!r} should be refused with 401, got {response.status_code}.")
    assert response.data["error"] == "authentication_failed", (
        "An unknown token should raise exceptions.AuthenticationFailed.")
    assert response.data["message"].strip(), "Give AuthenticationFailed a sentence that says what to do."


def test_the_right_token_gets_a_prediction_and_no_token_does_not(exercise):
    with_token = call(exercise, f"Bearer {TOKEN}")
    assert with_token.status_code == 200, f"The right token should be accepted: {with_token.data}"
    assert with_token.data["species"] == "Gentoo", with_token.data
    assert call(exercise).status_code == 401, "The same request without the token must still be refused."


def test_other_schemes_are_not_tokens(exercise):
    response = call(exercise, f"Basic {TOKEN}")
    assert response.status_code == 401, "Only 'Bearer <token>' counts; 'Basic ...' is not a bearer token."
    assert response.data["error"] == "not_authenticated", (
        "A header with another scheme is not an attempt to use a token: return None for it.")


def test_tokens_come_from_the_setting(exercise, settings):
    settings.PREDICTION_API_TOKENS = ["a-new-token"]
    assert call(exercise, f"Bearer {TOKEN}").status_code == 401, (
        "After the setting changed, the old token must be refused: read settings.PREDICTION_API_TOKENS "
        "on every request instead of copying the tokens into your code.")
    assert call(exercise, "Bearer a-new-token").status_code == 200, "The token from the setting must work."
