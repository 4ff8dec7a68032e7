"""Prediction for one penguin and for a batch, as every app serves it."""

import pytest

from penguin_model.__main__ import main as check_model
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO


@pytest.mark.parametrize(
    ("penguin", "species"), [(ADELIE, "Adelie"), (CHINSTRAP, "Chinstrap"), (GENTOO, "Gentoo")]
)
def test_known_penguins_are_classified(model, penguin, species):
    answer = model.predict(model.validate(penguin))
    assert answer["species"] == species
    assert max(answer["probabilities"], key=answer["probabilities"].get) == species


def test_probabilities_cover_every_class_and_sum_to_one(model):
    probabilities = model.predict(model.validate(GENTOO))["probabilities"]
    assert list(probabilities) == model.classes
    assert sum(probabilities.values()) == pytest.approx(1, abs=1e-3)


def test_batch_keeps_order_and_matches_single_predictions(model):
    penguins = [GENTOO, ADELIE, CHINSTRAP, ADELIE]
    batch = model.predict_batch(model.validate_batch(penguins))
    assert batch == [model.predict(model.validate(penguin)) for penguin in penguins]


def test_missing_sex_still_predicts(model):
    answer = model.predict(model.validate(GENTOO | {"sex": None}))
    assert answer["species"] == "Gentoo"


def test_check_command_reports_the_model(model_dir, capsys):
    assert check_model(["--model-dir", str(model_dir)]) == 0
    assert "Gentoo" in capsys.readouterr().out


def test_check_command_explains_a_missing_model_without_traceback(tmp_path, capsys):
    assert check_model(["--model-dir", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Could not load the model:") and "Traceback" not in error
