"""Checks for the chapter 03 exercises. Run: make check EXERCISE=03_flask"""

import pytest
from flask_demo import create_app  # apps/ is on the path for every check (pyproject.toml)

from penguin_model.examples import ADELIE, GENTOO


@pytest.fixture
def app(exercise, model):  # model first: without one, the check says what to run
    app = create_app({"TESTING": True})
    app.register_blueprint(exercise.blueprint)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


# Exercise 1: GET /api/species


def test_species_are_listed_in_the_models_order(client, model):
    answer = client.get("/api/species")
    assert answer.status_code == 200, f"GET /api/species answered {answer.status_code}, expected 200."
    names = [entry["name"] for entry in answer.json["species"]]
    assert names == model.classes, f"List the species in the order of model.classes: got {names}."


def test_each_species_has_its_description(client, exercise):
    for entry in client.get("/api/species").json["species"]:
        assert entry["description"] == exercise.SPECIES_DESCRIPTIONS[entry["name"]], (
            f"Take {entry['name']}'s description from SPECIES_DESCRIPTIONS."
        )


# Exercise 2: POST /api/predict/top?k=


def test_top_1_is_the_predicted_species(client, model):
    answer = client.post("/api/predict/top", json=GENTOO)
    assert answer.status_code == 200, f"Expected 200, got {answer.status_code}: {answer.text}"
    expected = model.predict(model.validate(GENTOO))
    gentoo_probability = expected["probabilities"]["Gentoo"]
    assert answer.json["top"] == [{"species": "Gentoo", "probability": gentoo_probability}], (
        "Without ?k=, return only the most likely species and its probability."
    )
    assert answer.json["model_version"] == model.version, "Include the model_version, as /api/predict does."


def test_top_k_is_sorted_most_likely_first(client, model):
    answer = client.post("/api/predict/top?k=3", json=ADELIE)
    top = answer.json["top"]
    probabilities = model.predict(model.validate(ADELIE))["probabilities"]
    expected = sorted(probabilities.items(), key=lambda item: item[1], reverse=True)
    assert [(entry["species"], entry["probability"]) for entry in top] == expected, (
        "With k=3, return every species, the most likely first."
    )


@pytest.mark.parametrize("k", ["0", "4", "two", "-1", "1.5", ""])
def test_a_bad_k_is_a_validation_error_naming_k(client, k):
    answer = client.post(f"/api/predict/top?k={k}", json=GENTOO)
    assert answer.status_code == 400, f"k={k!r} should be refused with 400, got {answer.status_code}."
    assert [detail["field"] for detail in answer.json["details"]] == ["k"], (
        "Raise InvalidInput with one FieldError whose field is 'k'."
    )


def test_a_bad_body_gets_the_same_answer_as_predict(client):
    bad = GENTOO | {"body_mass_g": 5.2}
    top = client.post("/api/predict/top", json=bad)
    single = client.post("/api/predict", json=bad)
    assert (top.status_code, top.json) == (single.status_code, single.json), (
        f"For a body mass of 5.2 g /api/predict/top answered {top.status_code} {top.json}, but /api/predict "
        f"answered {single.status_code} {single.json}: read and validate the body as /api/predict does."
    )
    form = client.post("/api/predict/top", data="k=2")
    assert form.status_code == 415, (
        f"A body that is not JSON got {form.status_code}, but the course answers 415 to it: read the body "
        "as /api/predict does.")


# Exercise 3: POST /api/predict/batch/summary


def test_summary_counts_every_species(client, model):
    answer = client.post("/api/predict/batch/summary", json={"instances": [GENTOO, ADELIE, GENTOO]})
    assert answer.status_code == 200, f"Expected 200, got {answer.status_code}: {answer.text}"
    assert answer.json["counts"] == {"Adelie": 1, "Chinstrap": 0, "Gentoo": 2}, (
        "Count the predicted species; every class appears, even with 0."
    )
    assert answer.json["total"] == 3, f"Three penguins were sent; total is {answer.json['total']}."
    assert answer.json["model_version"] == model.version, "Include the model_version, as the batch does."


def test_summary_refuses_what_the_batch_endpoint_refuses(client):
    bad_bodies = [
        {"instances": []},
        {"instances": [GENTOO], "extra": 1},
        {"instances": [GENTOO | {"island": "?"}]},
    ]
    for body in bad_bodies:
        summary = client.post("/api/predict/batch/summary", json=body)
        batch = client.post("/api/predict/batch", json=body)
        assert (summary.status_code, summary.json) == (batch.status_code, batch.json), (
            f"For {body} /api/predict/batch answers {batch.status_code}, the summary {summary.status_code}: "
            "validate the body as /api/predict/batch does."
        )
