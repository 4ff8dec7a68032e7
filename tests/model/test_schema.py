"""The shared schema accepts real penguins and rejects bad input with field-level messages."""

import math

import pytest

from penguin_model import InvalidInput
from penguin_model.examples import GENTOO
from penguin_model.schema import feature_label


def rejection(model, data, **options):
    with pytest.raises(InvalidInput) as caught:
        model.validate(data, **options)
    return {error.field: error for error in caught.value.errors}


def test_every_training_row_is_valid(model, training_rows):
    """Each of the 342 penguins the model learned from passes validation."""
    features, _ = training_rows
    for row in features.to_dict(orient="records"):
        row["sex"] = None if isinstance(row["sex"], float) else row["sex"]
        assert model.validate(row)["island"] == row["island"]


def test_missing_sex_is_allowed(model):
    data = {key: value for key, value in GENTOO.items() if key != "sex"}
    assert model.validate(data)["sex"] is None


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("bill_length_mm", "47.5", "float_type"),
        ("bill_length_mm", True, "float_type"),
        ("bill_length_mm", None, "float_type"),
        ("bill_length_mm", [47.5], "float_type"),
        ("bill_depth_mm", math.nan, "finite_number"),
        ("flipper_length_mm", math.inf, "finite_number"),
        ("body_mass_g", -math.inf, "finite_number"),
        ("body_mass_g", 5.2, "greater_than_equal"),
        ("body_mass_g", 52000, "less_than_equal"),
        ("flipper_length_mm", -1, "greater_than_equal"),
        ("island", "Atlantis", "literal_error"),
        ("island", "biscoe", "literal_error"),
        ("island", 3, "literal_error"),
        ("sex", "unknown", "literal_error"),
    ],
)
def test_bad_value_is_rejected_naming_field_and_rule(model, field, value, rule):
    errors = rejection(model, GENTOO | {field: value})
    assert list(errors) == [field]
    assert errors[field].rule == rule
    assert errors[field].message


def test_range_message_states_the_limit(model):
    minimum = model.feature_spec["body_mass_g"]["minimum"]
    errors = rejection(model, GENTOO | {"body_mass_g": 5.2})
    assert f"{minimum:g}" in errors["body_mass_g"].message


@pytest.mark.parametrize(
    "field", ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
)
def test_missing_required_field_is_named(model, field):
    data = {key: value for key, value in GENTOO.items() if key != field}
    errors = rejection(model, data)
    assert errors[field].rule == "missing"
    assert errors[field].message == "This field is required."


def test_unknown_field_is_rejected(model):
    errors = rejection(model, GENTOO | {"wingspan_mm": 700})
    assert errors["wingspan_mm"].rule == "extra_forbidden"


def test_every_problem_is_reported_at_once(model):
    errors = rejection(model, {"island": "Atlantis", "bill_length_mm": "long"})
    assert set(errors) == {"island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}


@pytest.mark.parametrize("data", [[GENTOO], "penguin", 42, None])
def test_input_that_is_not_an_object_is_rejected_as_a_whole(model, data):
    """The error names no field (an API names the body itself): the input as a whole is wrong."""
    assert rejection(model, data)[""].rule == "object_type"


def test_an_unknown_field_is_answered_with_the_features_the_model_knows(model):
    message = rejection(model, GENTOO | {"wings": 2})["wings"].message
    assert "island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex" in message
    assert "/api" not in message, "the model package speaks of features, not of URLs"


def test_text_values_are_converted_for_forms(model):
    text = {key: ("" if value is None else str(value)) for key, value in GENTOO.items()} | {"sex": " "}
    valid = model.validate(text, from_text=True)
    assert valid["bill_length_mm"] == 47.5
    assert valid["sex"] is None


def test_blank_required_text_field_is_reported_as_required(model):
    errors = rejection(model, GENTOO | {"body_mass_g": "  "}, from_text=True)
    assert errors["body_mass_g"].rule == "missing"


def test_non_numeric_text_is_rejected_for_forms(model):
    errors = rejection(model, GENTOO | {"bill_depth_mm": "deep"}, from_text=True)
    assert errors["bill_depth_mm"].rule == "float_parsing"


def test_batch_errors_name_the_row_by_its_position(model):
    with pytest.raises(InvalidInput) as caught:
        model.validate_batch([GENTOO, GENTOO | {"island": "Atlantis"}, 7])
    assert [error.field for error in caught.value.errors] == ["[1].island", "[2]"]


def test_a_batch_of_any_length_is_validated(model):
    """How many penguins one request may hold is the web API's limit (api_contract), not the model's."""
    assert len(model.validate_batch([GENTOO] * 1001)) == 1001


@pytest.mark.parametrize(
    ("name", "label"),
    [("island", "Island"), ("sex", "Sex"), ("bill_length_mm", "Bill length (mm)"),
     ("body_mass_g", "Body mass (g)")],
)
def test_every_app_can_label_a_feature_from_the_card(model, name, label):
    assert feature_label(name, model.feature_spec[name]) == label
