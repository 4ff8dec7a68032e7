"""Idempotency-Key on the stored predictions: a POST sent again with its key is stored once.

The IETF draft "The Idempotency-Key HTTP Header Field" (predictor/idempotency.py cites it): the same key
with the same request gets the first answer and stores nothing more; with another request, a 422. The
concurrent case, several copies at once on several gunicorn workers, is in test_server.py.
"""

import pytest
from predictor.models import Prediction

from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO
from tests.support.api_clients import ApiResponse, media_type
from tests.support.contract_check import assert_matches_contract

pytestmark = pytest.mark.django_db

PREDICT = "/api/predict"
BATCH = "/api/predict/batch"


def post(api_client, path, body, key=None):
    """POST ``body`` as JSON (``key``: its Idempotency-Key); the answer, checked against the contract."""
    headers = {} if key is None else {"Idempotency-Key": key}
    response = api_client.post(path, body, format="json", headers=headers)
    seen = ApiResponse(response.status_code, media_type(response.headers["Content-Type"]), response.content)
    assert_matches_contract("POST", path, seen)
    return response


def test_the_same_prediction_sent_twice_with_its_key_is_stored_once(api_client):
    first = post(api_client, PREDICT, GENTOO, key="8e03978e-40d5-43e8-bc93-6894a57f9324")
    again = post(api_client, PREDICT, GENTOO, key="8e03978e-40d5-43e8-bc93-6894a57f9324")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert Prediction.objects.count() == 1


def test_without_a_key_every_post_is_stored(api_client):
    post(api_client, PREDICT, GENTOO)
    post(api_client, PREDICT, GENTOO)
    assert Prediction.objects.count() == 2


def test_a_batch_sent_twice_with_its_key_stores_its_rows_once(api_client):
    batch = {"instances": [ADELIE, CHINSTRAP, GENTOO]}
    answers = [post(api_client, BATCH, batch, key="batch-2026-12-01") for _ in range(3)]
    assert {answer.status_code for answer in answers} == {200}
    assert answers[1].json() == answers[0].json() == answers[2].json()
    assert Prediction.objects.count() == 3


def test_a_quoted_key_is_the_same_key(api_client):
    """The draft writes the key as a structured-field string, in double quotes; most clients send it bare."""
    post(api_client, PREDICT, GENTOO, key='"order-17"')
    post(api_client, PREDICT, GENTOO, key="order-17")
    assert Prediction.objects.count() == 1


@pytest.mark.parametrize(("path", "body"), [(PREDICT, ADELIE), (BATCH, {"instances": [GENTOO]})],
                         ids=["another-body", "another-endpoint"])
def test_the_same_key_with_another_request_is_refused(api_client, path, body):
    assert post(api_client, PREDICT, GENTOO, key="reused-key").status_code == 200
    refused = post(api_client, path, body, key="reused-key")
    assert (refused.status_code, refused.json()["error"]) == (422, "idempotency_key_reused")
    assert Prediction.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "two words", "café"],
                         ids=["empty", "too-long", "space", "non-ascii"])
def test_a_malformed_key_is_a_validation_error_naming_the_header(api_client, key):
    refused = post(api_client, PREDICT, GENTOO, key=key.encode("utf-8").decode("latin-1"))
    assert (refused.status_code, refused.json()["error"]) == (400, "validation_error")
    assert [detail["field"] for detail in refused.json()["details"]] == ["Idempotency-Key"]
    assert not Prediction.objects.exists()


def test_a_refused_request_keeps_its_key_free(api_client):
    """A 400 stores nothing, the key included: the corrected request can use it."""
    assert post(api_client, PREDICT, GENTOO | {"island": "Atlantis"}, key="fix-and-retry").status_code == 400
    assert post(api_client, PREDICT, GENTOO, key="fix-and-retry").status_code == 200
    assert Prediction.objects.count() == 1
