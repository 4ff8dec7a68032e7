"""The JSON API through DRF's test client: what only Django does, the stored history.

What every API must answer is tested once, against Django and Flask alike, in tests/contract/.
"""

import pytest
from django.urls import reverse
from predictor.models import Prediction

from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

pytestmark = pytest.mark.django_db

PREDICT = "/api/predict"
BATCH = "/api/predict/batch"


@pytest.mark.parametrize("penguin", [ADELIE, CHINSTRAP, GENTOO], ids=["adelie", "chinstrap", "gentoo"])
def test_predict_answers_and_stores_one_row(api_client, model, penguin):
    """A valid penguin gets the model's answer, and exactly one history row holds it."""
    response = api_client.post(reverse("predictor:api-predict"), penguin, format="json")
    assert response.status_code == 200
    expected = model.predict(model.validate(penguin))
    assert response.json() == {**expected, "model_version": model.version}
    stored = Prediction.objects.get()
    assert (stored.species, stored.probabilities, stored.source) == (expected["species"],
                                                                     expected["probabilities"], "api")
    assert stored.island == penguin["island"] and stored.body_mass_g == penguin["body_mass_g"]
    assert stored.sex == (penguin["sex"] or "")
    assert stored.model_version == model.version


def test_batch_keeps_order_and_stores_every_row(api_client, model):
    """A batch answers in the order sent and stores one row per penguin."""
    penguins = [GENTOO, ADELIE, CHINSTRAP, GENTOO]
    response = api_client.post(reverse("predictor:api-predict-batch"), {"instances": penguins}, format="json")
    assert response.status_code == 200
    species = [answer["species"] for answer in response.json()["predictions"]]
    assert species == [model.predict(model.validate(p))["species"] for p in penguins]
    stored = Prediction.objects.filter(source="batch").order_by("id").values_list("species", flat=True)
    assert list(stored) == species


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (PREDICT, {**GENTOO, "bill_length_mm": 400.0}),
        (PREDICT, {key: value for key, value in GENTOO.items() if key != "island"}),
        (PREDICT, [GENTOO]),
        (BATCH, {"instances": []}),
        (BATCH, {"instances": [GENTOO], "extra": 1}),
        (BATCH, {"instances": [GENTOO, {**GENTOO, "sex": "x"}]}),
    ],
    ids=["out-of-range", "missing-field", "not-an-object", "empty-batch", "extra-key", "one-bad-row"],
)
def test_a_refused_request_stores_nothing(api_client, path, body):
    """A 400 stores no row at all, not even the good rows of a batch with one bad row."""
    response = api_client.post(path, body, format="json")
    assert response.status_code == 400
    assert not Prediction.objects.exists()


def test_accept_html_still_gets_json(api_client):
    """The API has one representation: asking for HTML still gets JSON (no browsable API page)."""
    response = api_client.get("/api/health", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("path", [PREDICT, BATCH])
def test_with_storing_switched_off_the_api_answers_alike_and_stores_nothing(api_client, settings, path):
    """DJANGO_STORE_PREDICTIONS=0 (the serving benchmark's Django without its write): the same answers."""
    body = GENTOO if path == PREDICT else {"instances": [GENTOO, ADELIE]}
    storing = api_client.post(path, body, format="json").json()
    settings.STORE_PREDICTIONS = False
    not_storing = api_client.post(path, body, format="json")
    assert (not_storing.status_code, not_storing.json()) == (200, storing)
    assert Prediction.objects.count() == (1 if path == PREDICT else 2), "only the first request stored"
