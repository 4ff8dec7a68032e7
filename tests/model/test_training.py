"""Training is reproducible, honest about its split, and produces a complete model card."""

import numpy as np

from penguin_model import FEATURES
from penguin_model.train import train


def test_training_is_reproducible(training_result, training_rows):
    """Two runs give the same choice, the same card and the same probabilities."""
    pipeline, card, comparison = training_result
    again_pipeline, again_card, again_comparison = train()
    features, _ = training_rows
    assert again_card == card
    assert again_comparison.equals(comparison)
    np.testing.assert_array_equal(again_pipeline.predict_proba(features), pipeline.predict_proba(features))


def test_at_least_two_classifiers_are_compared(training_result):
    _, card, comparison = training_result
    assert len(comparison) >= 2
    assert card["classifier"] == comparison.iloc[0]["classifier"]
    assert comparison["accuracy_mean"].is_monotonic_decreasing


def test_test_set_is_held_out(training_result):
    _, card, _ = training_result
    data = card["training_data"]
    assert data["train_rows"] + data["test_rows"] == data["rows_used"] == 342
    assert card["metrics"]["test"]["n_samples"] == data["test_rows"]
    assert sum(map(sum, card["metrics"]["test"]["confusion_matrix"])) == data["test_rows"]


def test_model_is_accurate(training_result):
    """The penguins are easy to tell apart; anything under 95% means the pipeline broke."""
    _, card, _ = training_result
    assert card["metrics"]["cross_validation"]["accuracy_mean"] > 0.95
    assert card["metrics"]["test"]["accuracy"] > 0.95


def test_card_describes_every_feature_in_api_order(training_result, training_rows):
    _, card, _ = training_result
    features, _ = training_rows
    assert tuple(card["features"]) == FEATURES
    for name in ("bill_length_mm", "body_mass_g"):
        rules = card["features"][name]
        assert rules["minimum"] < features[name].min() <= features[name].max() < rules["maximum"]
    assert card["features"]["island"]["choices"] == ["Biscoe", "Dream", "Torgersen"]
    assert card["features"]["sex"] == {"type": "category", "choices": ["female", "male"], "required": False}


def test_card_records_versions_and_data_hash(training_result):
    _, card, _ = training_result
    assert {"python", "scikit-learn", "numpy", "skops"} <= set(card["versions"])
    assert len(card["training_data"]["sha256"]) == 64
    assert card["classes"] == ["Adelie", "Chinstrap", "Gentoo"]
