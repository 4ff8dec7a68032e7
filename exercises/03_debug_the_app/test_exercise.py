"""Checks for exercise 03 · Debug the app. Run: make check EXERCISE=03_debug_the_app

Each check sends the request a user reported, through Flask's test client, and says what the
contract (docs/openapi.yaml, api_contract) expects instead of what the app answered.
"""

import json

import pytest

from api_contract import error_body, error_message, validate_predict_body
from penguin_model import InvalidInput
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

BAD_PENGUINS = {
    "body mass in kg, not g": GENTOO | {"body_mass_g": 5.2},
    "an island that does not exist": GENTOO | {"island": "Atlantis"},
    "the measurements left out": {"island": "Biscoe"},
}


@pytest.fixture
def client(exercise, model):  # model first: without one, the check says what to run
    app = exercise.create_app()
    # Flask logs a traceback for every 500; the checks' messages say what went wrong instead.
    # To see the traceback yourself, see "Reproduce a symptom" in README.md.
    app.logger.disabled = True
    return app.test_client()


def seen(answer):
    """What a user sees of an answer: status, Content-Type and the start of the body."""
    return f"{answer.status_code}, {answer.mimetype}: {answer.get_data(as_text=True)[:120].strip()!r}"


def test_health_names_the_model_version_it_serves(client, model):
    answer = client.get("/api/health")
    assert answer.status_code == 200, f"GET /api/health answered {seen(answer)}; expected 200."
    served = json.loads(answer.get_data(as_text=True)).get("model_version")
    assert served == model.version, (
        f"Symptom 1: /api/health says model_version is {served!r}, but the model card says "
        f"{model.version!r}. Where does the health view read the version from?")


def test_the_model_card_opens_with_get(client, model):
    answer = client.get("/api/model")
    assert answer.status_code == 200, (
        f"Symptom 2: GET /api/model (what a browser sends) answered {seen(answer)}; expected 200. "
        "Which methods does that route accept? (Flask's Quickstart, \"HTTP Methods\")")
    assert answer.json == model.card, "GET /api/model should answer the model card itself."


@pytest.mark.parametrize("mistake", BAD_PENGUINS)
def test_a_bad_penguin_gets_the_contracts_400(client, model, mistake):
    body = BAD_PENGUINS[mistake]
    with pytest.raises(InvalidInput) as refused:
        validate_predict_body(body, model)
    expected = error_body("validation_error", error_message("validation_error"), refused.value.errors)
    answer = client.post("/api/predict", json=body)
    assert answer.status_code == 400, (
        f"Symptom 3 ({mistake}): POST /api/predict answered {seen(answer)}; the contract says 400 "
        "with a JSON error naming each field. A 500 means an exception reached Flask unhandled: which "
        "one? (chapter 03, \"Step 3 · Errors as JSON, with the right status\"; README.md says how to see "
        "the traceback)")
    assert answer.mimetype == "application/json", f"The 400 should be JSON, not {answer.mimetype}."
    assert answer.json == expected, (
        f"The error should have the contract's shape, api_contract.error_body: expected {expected}, "
        f"got {answer.json}.")


def test_a_batch_answer_is_declared_as_json(client, model):
    penguins = [GENTOO, ADELIE, CHINSTRAP]
    answer = client.post("/api/predict/batch", json={"instances": penguins})
    assert answer.status_code == 200, f"POST /api/predict/batch answered {seen(answer)}; expected 200."
    assert answer.mimetype == "application/json", (
        f"Symptom 4: the batch answer looks like JSON but is declared as {answer.mimetype!r}, so clients "
        "that check the Content-Type refuse it. How does Flask turn what a view returns into an answer? "
        "(Flask's Quickstart, \"About Responses\")")
    species = [prediction["species"] for prediction in answer.json["predictions"]]
    assert species == ["Gentoo", "Adelie", "Chinstrap"], f"One prediction per penguin, in order: {species}."
    assert answer.json["model_version"] == model.version, "Include the model_version, as /api/predict does."
