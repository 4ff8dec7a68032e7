"""Checks for the chapter 02 exercises. Run: make check EXERCISE=02_model_package"""

import pandas as pd
import pytest

from penguin_model import FEATURES, InvalidInput, load_penguins
from penguin_model.examples import GENTOO


def test_prediction_is_described_with_one_decimal(exercise):
    answer = {"species": "Gentoo", "probabilities": {"Adelie": 0.0005, "Chinstrap": 0.0031, "Gentoo": 0.9963}}
    text = exercise.describe_prediction(answer)
    assert text == "Gentoo (99.6%)", f"Expected 'Gentoo (99.6%)' for a Gentoo at 0.9963; got {text!r}."


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
    assert len(problems[1]) == 1 and problems[1][0].startswith("island: "), (
        f"Row 1 has one bad field, island: expected one message starting 'island: ', got {problems[1]}.")
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
    assert list(table["species"]) == [answer["species"] for answer in expected], (
        "The species column differs from the model's predictions for the same rows.")
    probabilities = [answer["probabilities"][answer["species"]] for answer in expected]
    assert list(table["probability"]) == probabilities, (
        "The probability column should hold the probability of each row's predicted species.")
    assert list(table["island"]) == list(sample["island"]), "Keep the file's own columns."


def test_csv_with_a_blank_sex_is_predicted(exercise, model, tmp_path):
    # A blank cell is how a CSV file says "not known"; the schema allows a missing sex.
    path = tmp_path / "penguins.csv"
    path.write_text(",".join(FEATURES) + "\nBiscoe,45.0,15.0,210.0,5000.0,\n", encoding="utf-8")
    try:
        table = exercise.predict_csv(model, path)
    except InvalidInput as refusal:
        pytest.fail(f"A penguin with a blank sex was refused ({refusal}), but sex may be missing. A CSV file "
                    "is text: validate it as text, as chapter 02 shows for form input.", pytrace=False)
    assert len(table) == 1, f"One penguin in the file, {len(table)} rows returned."


def test_csv_with_a_bad_row_raises_invalid_input(exercise, model, penguins_csv):
    path, _ = penguins_csv
    lines = path.read_text().splitlines()
    lines[3] = "Atlantis" + lines[3][lines[3].index(",") :]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidInput):
        exercise.predict_csv(model, path)
        pytest.fail("A file with a penguin from 'Atlantis' gave predictions: validate every row, and let "
                    "InvalidInput propagate.", pytrace=False)
