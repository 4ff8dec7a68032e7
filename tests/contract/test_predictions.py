"""The API answers good requests as the contract says, on every target."""

import json

import pytest
import yaml

from api_contract.headers import SECURITY_HEADERS
from api_contract.openapi import OPENAPI_PATH
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO
from tests.support.raw_http import chunked_request, send_raw

KNOWN_PENGUINS = [("Adelie", ADELIE), ("Chinstrap", CHINSTRAP), ("Gentoo", GENTOO)]


def test_health_names_the_model_version(api, model):
    answer = api.request("GET", "/api/health")
    assert answer.status == 200
    assert answer.json() == {"status": "ok", "model_version": model.version}


def test_ready_says_the_server_can_serve_and_which_model(api, model):
    """/api/ready, the readiness check: 200 once the app can serve (503 while, say, its database is down)."""
    answer = api.request("GET", "/api/ready")
    assert answer.status == 200
    assert answer.json() == {"status": "ready", "model_version": model.version}


def test_the_contract_itself_is_served_as_json(api):
    answer = api.request("GET", "/api/openapi.json")
    assert answer.status == 200
    assert answer.json() == yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))


def test_model_card_is_the_saved_card(api, model_dir):
    answer = api.request("GET", "/api/model")
    assert answer.status == 200
    assert answer.json() == json.loads((model_dir / "model_card.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("species", "penguin"), KNOWN_PENGUINS, ids=[name for name, _ in KNOWN_PENGUINS])
def test_known_penguins_are_classified_right(api, model, species, penguin):
    answer = api.request("POST", "/api/predict", body=penguin)
    assert answer.status == 200
    body = answer.json()
    assert body["species"] == species
    assert body["model_version"] == model.version
    assert sum(body["probabilities"].values()) == pytest.approx(1, abs=1e-3)


def test_prediction_is_the_in_process_prediction(api, model):
    answer = api.request("POST", "/api/predict", body=GENTOO)
    assert answer.json() == model.predict(model.validate(GENTOO)) | {"model_version": model.version}


def test_sex_may_be_left_out(api):
    penguin = {key: value for key, value in ADELIE.items() if key != "sex"}
    answer = api.request("POST", "/api/predict", body=penguin)
    assert answer.status == 200
    assert answer.json()["species"] == "Adelie"


def test_integers_count_as_numbers(api):
    penguin = GENTOO | {"flipper_length_mm": 218, "body_mass_g": 5200}
    assert api.request("POST", "/api/predict", body=penguin).status == 200


def test_a_charset_parameter_is_accepted(api):
    answer = api.request("POST", "/api/predict", body=GENTOO, content_type="application/json; charset=utf-8")
    assert answer.status == 200


def test_unicode_escapes_in_valid_json_are_understood(api):
    # "\u0042iscoe" is JSON for "Biscoe": a client may escape any character.
    raw = json.dumps(GENTOO).replace('"Biscoe"', '"\\u0042iscoe"')
    assert api.request("POST", "/api/predict", body=raw).json()["species"] == "Gentoo"


def test_batch_keeps_the_order_of_the_instances(api):
    instances = [GENTOO, ADELIE, CHINSTRAP, GENTOO, ADELIE]
    answer = api.request("POST", "/api/predict/batch", body={"instances": instances})
    assert answer.status == 200
    species = [prediction["species"] for prediction in answer.json()["predictions"]]
    assert species == ["Gentoo", "Adelie", "Chinstrap", "Gentoo", "Adelie"]


def test_batch_predictions_equal_single_predictions(api):
    batch = api.request("POST", "/api/predict/batch", body={"instances": [CHINSTRAP, ADELIE]}).json()
    for penguin, prediction in zip([CHINSTRAP, ADELIE], batch["predictions"], strict=True):
        single = api.request("POST", "/api/predict", body=penguin).json()
        assert prediction == {"species": single["species"], "probabilities": single["probabilities"]}


@pytest.mark.parametrize("size", [1, 1000])
def test_batch_sizes_at_the_limits_are_accepted(api, size):
    answer = api.request("POST", "/api/predict/batch", body={"instances": [ADELIE] * size})
    assert answer.status == 200
    assert len(answer.json()["predictions"]) == size


@pytest.mark.real_servers
@pytest.mark.parametrize(("path", "body"), [("/api/predict", GENTOO),
                                            ("/api/predict/batch", {"instances": [ADELIE]})])
def test_a_body_sent_in_chunks_gets_the_same_answer(api, model, path, body):
    """Transfer-Encoding: chunked instead of a Content-Length (requests does so for a generator): served."""
    raw = json.dumps(body).encode()
    answer = send_raw(api.base_url, chunked_request(path, [raw[:20], raw[20:40], raw[40:]]),
                      ca_file=api.ca_file)
    assert answer.status == 200, answer
    expected = api.request("POST", path, body=body).json()
    assert json.loads(answer.body) == expected


@pytest.mark.parametrize(("method", "path"), [("GET", "/api/health"), ("POST", "/api/predict"),
                                              ("GET", "/api/nowhere"), ("GET", "/api/predict")])
def test_every_answer_carries_the_security_headers(api, method, path):
    """What Django's middleware sends, from every app (api_contract.headers): a JSON answer is no page, so
    it needs no Content-Security-Policy."""
    answer = api.request(method, path, body=GENTOO if method == "POST" else None)
    headers = {name.lower(): value for name, value in answer.headers.items()}
    assert {name.lower(): value for name, value in SECURITY_HEADERS.items()}.items() <= headers.items()


def test_server_still_answers(api):
    assert api.request("GET", "/api/health").status == 200
