"""The JSON API through DRF's test client: answers, stored history, and every error shape."""

import json

import pytest
from django.urls import reverse
from predictor.models import Prediction

from penguin_model.contract import MAX_BODY_BYTES
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

pytestmark = pytest.mark.django_db

PREDICT = "/api/predict"
BATCH = "/api/predict/batch"


def post_raw(client, path, body, content_type="application/json"):
    return client.generic("POST", path, body, content_type=content_type)


def test_health_names_the_model_version(api_client, model):
    """GET /api/health says ok and which model it serves."""
    response = api_client.get(reverse("predictor:api-health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model_version": model.version}


def test_model_card_is_served_as_is(api_client, model):
    """GET /api/model returns the model card unchanged."""
    response = api_client.get(reverse("predictor:api-model"))
    assert response.status_code == 200
    assert response.json() == model.card


@pytest.mark.parametrize("penguin", [ADELIE, CHINSTRAP, GENTOO], ids=["adelie", "chinstrap", "gentoo"])
def test_predict_answers_and_stores_one_row(api_client, model, penguin):
    """A valid penguin gets the model's answer, and exactly one history row holds it."""
    response = api_client.post(PREDICT, penguin, format="json")
    assert response.status_code == 200
    expected = model.predict(model.validate(penguin))
    assert response.json() == {**expected, "model_version": model.version}
    stored = Prediction.objects.get()
    assert (stored.species, stored.probabilities, stored.source) == (expected["species"],
                                                                     expected["probabilities"], "api")
    assert stored.island == penguin["island"] and stored.body_mass_g == penguin["body_mass_g"]
    assert stored.sex == (penguin["sex"] or "")


def test_batch_keeps_order_and_stores_every_row(api_client, model):
    """A batch answers in the order sent and stores one row per penguin."""
    penguins = [GENTOO, ADELIE, CHINSTRAP, GENTOO]
    response = api_client.post(BATCH, {"instances": penguins}, format="json")
    assert response.status_code == 200
    species = [answer["species"] for answer in response.json()["predictions"]]
    assert species == [model.predict(model.validate(p))["species"] for p in penguins]
    assert response.json()["model_version"] == model.version
    assert Prediction.objects.filter(source="batch").count() == len(penguins)


@pytest.mark.parametrize(
    ("body", "field", "rule"),
    [
        ({**GENTOO, "bill_length_mm": 400.0}, "bill_length_mm", "less_than_equal"),
        ({**GENTOO, "island": "Atlantis"}, "island", "literal_error"),
        ({**GENTOO, "body_mass_g": "5200"}, "body_mass_g", "float_type"),
        ({**GENTOO, "wings": 2}, "wings", "extra_forbidden"),
        ({key: value for key, value in GENTOO.items() if key != "island"}, "island", "missing"),
        ([GENTOO], "body", "object_type"),
    ],
    ids=["out-of-range", "unknown-island", "string-number", "extra-field", "missing-field", "not-an-object"],
)
def test_invalid_penguin_is_a_validation_error_naming_the_field(api_client, body, field, rule):
    """A penguin that breaks the schema gets a 400 naming the field and rule, and nothing is stored."""
    response = api_client.post(PREDICT, body, format="json")
    assert response.status_code == 400
    payload = response.json()
    assert payload["error"] == "validation_error"
    assert (field, rule) in [(detail["field"], detail["rule"]) for detail in payload["details"]]
    assert not Prediction.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [({"instances": []}, "instances"), ({"instances": [GENTOO], "extra": 1}, "extra"), ({}, "instances"),
     ({"instances": [GENTOO, {**GENTOO, "sex": "x"}]}, "instances[1].sex")],
    ids=["empty", "extra-key", "no-instances", "bad-row"],
)
def test_bad_batches_name_the_problem(api_client, body, field):
    """Batch errors name the key or the row and field, and store nothing."""
    response = api_client.post(BATCH, body, format="json")
    assert response.status_code == 400
    assert field in [detail["field"] for detail in response.json()["details"]]
    assert not Prediction.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b'{"bill_length_mm": NaN}', b'{"bill_length_mm": Infinity}', b"[" * 50_000,
     b"\xff\xfe", b'{"body_mass_g": 1' + b"0" * 5000 + b"}"],
    ids=["empty", "truncated", "nan", "infinity", "deep-nesting", "bad-utf8", "huge-number"],
)
def test_invalid_json_is_a_400_not_a_crash(api_client, raw):
    """Bodies that are not strict JSON get invalid_json (DRF's own parser would accept NaN)."""
    response = api_client.generic("POST", PREDICT, raw, content_type="application/json",
                                  CONTENT_TYPE="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "text/json"])
def test_non_json_content_type_is_415(api_client, content_type):
    """Only application/json bodies are read."""
    response = post_raw(api_client, PREDICT, json.dumps(GENTOO), content_type)
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_charset_parameter_is_accepted(api_client):
    """`application/json; charset=utf-8` is JSON too."""
    response = post_raw(api_client, PREDICT, json.dumps(GENTOO), "application/json; charset=utf-8")
    assert response.status_code == 200


def test_body_over_the_limit_is_413(api_client):
    """A body over MAX_BODY_BYTES is refused before it is parsed."""
    response = post_raw(api_client, BATCH, b" " * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


@pytest.mark.parametrize(("method", "path"), [("GET", PREDICT), ("DELETE", BATCH), ("POST", "/api/health"),
                                              ("PUT", "/api/model")])
def test_wrong_method_is_405_with_allow_header(api_client, method, path):
    """A wrong method is a JSON 405 that says which methods are allowed."""
    response = api_client.generic(method, path)
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"
    assert response["Allow"]


@pytest.mark.parametrize(("method", "path"), [("GET", "/api/nothing"), ("POST", "/api/predict/"),
                                              ("GET", "/api/predict/batch/extra")])
def test_unknown_api_path_is_a_json_404(api_client, method, path):
    """Any unknown path under /api/ is a JSON 404, never a redirect or an HTML page."""
    response = api_client.generic(method, path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "not_found"


def test_accept_html_still_gets_json(api_client):
    """The API has one representation: asking for HTML still gets JSON (no browsable API page)."""
    response = api_client.get("/api/health", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
