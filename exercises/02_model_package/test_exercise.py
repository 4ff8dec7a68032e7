"""Checks for the chapter 02 exercises. Run: make check EXERCISE=02_model_package"""

import pandas as pd
import pytest

from penguin_model import FEATURES, InvalidInput, load_penguins
from penguin_model.examples import GENTOO


def test_prediction_is_described_with_one_decimal(exercise):
    answer = {"species": "Gentoo", "probabilities": {"Adelie": 0.0005, "Chinstrap": 0.0031, "Gentoo": 0.9963}}
    assert exercise.describe_prediction(answer) == "Gentoo (99.6%)"


def test_description_uses_the_predicted_species(exercise, model):
    answer = model.predict(model.validate(GENTOO | {"island": "Dream", "bill_depth_mm": 18.0}))
    text = exercise.describe_prediction(answer)
    assert text.startswith(answer["species"] + " ("), f"Start with the species name: got {text!r}."
    assert f"{answer['probabilities'][answer['species']]:.1%}" in text, "Show that species' probability."


def test_valid_rows_are_kept_in_order(exercise, model):
    rows = [GENTOO, GENTOO | {"sex": None}, GENTOO | {"island": "Dream"}]
    valid, problems = exercise.split_valid_rows(model, rows)
    assert problems == {}, f"All three rows are valid, but problems were reported: {problems}"
    assert valid == [model.validate(row) for row in rows], "Return the clean rows, in their original order."


def test_bad_rows_are_reported_by_index_and_field(exercise, model):
    rows = [GENTOO, GENTOO | {"island": "Atlantis"}, GENTOO, {"island": "Dream"}]
    valid, problems = exercise.split_valid_rows(model, rows)
    assert len(valid) == 2, "Rows 0 and 2 are valid and should be returned."
    assert sorted(problems) == [1, 3], "Rows 1 and 3 are invalid: use their indexes as keys."
    assert len(problems[1]) == 1 and problems[1][0].startswith("island: ")
    assert len(problems[3]) == 4, "Row 3 misses four measurements: report one message for each."


@pytest.fixture
def penguins_csv(tmp_path):
    sample = load_penguins().dropna().sample(12, random_state=1)
    path = tmp_path / "penguins.csv"
    sample[list(FEATURES)].to_csv(path, index=False)
    return path, sample


def test_csv_predictions_match_the_model(exercise, model, penguins_csv):
    path, sample = penguins_csv
    table = exercise.predict_csv(model, path)
    assert isinstance(table, pd.DataFrame), "Return a pandas DataFrame."
    assert len(table) == len(sample), "Return one row for each row of the file."
    expected = model.predict_batch(model.validate_batch(sample[list(FEATURES)].to_dict(orient="records")))
    assert list(table["species"]) == [answer["species"] for answer in expected]
    assert list(table["probability"]) == [answer["probabilities"][answer["species"]] for answer in expected]
    assert list(table["island"]) == list(sample["island"]), "Keep the file's own columns."


def test_csv_with_a_bad_row_raises_invalid_input(exercise, model, penguins_csv):
    path, _ = penguins_csv
    lines = path.read_text().splitlines()
    lines[3] = "Atlantis" + lines[3][lines[3].index(",") :]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidInput):
        exercise.predict_csv(model, path)
