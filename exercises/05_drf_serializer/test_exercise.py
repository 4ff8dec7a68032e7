"""Checks for exercise 05 · A DRF serializer. Run: make check EXERCISE=05_drf_serializer

Every check gives the same inputs to your serializer and to the shared schema (``model.validate``, what
every app of the course validates with) and compares the verdicts: accepted or refused, and which fields
were named.
"""

import math

import pytest

from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO
from penguin_model.schema import InvalidInput, validate_features

WHOLE_INPUT = ""  # the schema's name for "the input as a whole"; DRF says "non_field_errors"


def schema_verdict(data, feature_spec):
    """``(accepted, fields named, clean values)`` from the shared schema."""
    try:
        return True, set(), validate_features(data, feature_spec)
    except InvalidInput as invalid:
        return False, {error.field for error in invalid.errors}, None


def serializer_verdict(exercise, data, feature_spec):
    """``(accepted, fields named, clean values, DRF's messages)`` from your serializer."""
    serializer = exercise.PenguinSerializer(data=data, context={"feature_spec": feature_spec})
    if serializer.is_valid():
        return True, set(), dict(serializer.validated_data), {}
    errors = {name: [str(message) for message in messages] for name, messages in serializer.errors.items()}
    fields = {WHOLE_INPUT if name == "non_field_errors" else name for name in errors}
    return False, fields, None, errors


def assert_same_verdict(exercise, name, data, feature_spec):
    accepted, fields, clean = schema_verdict(data, feature_spec)
    yours, your_fields, your_clean, messages = serializer_verdict(exercise, data, feature_spec)
    schema_says = "accepts it" if accepted else f"refuses it, naming {sorted(fields)}"
    you_say = "accept it" if yours else f"refuse it, naming {sorted(your_fields)} ({messages})"
    assert (yours, your_fields) == (accepted, fields), (
        f"{name}: the shared schema {schema_says}; your serializer would {you_say}.")
    if accepted:
        assert your_clean == clean, (
            f"{name}: accepted by both, but your validated_data is {your_clean}; the schema's is {clean}.")


def with_(penguin, **changes):
    return penguin | changes


def without(penguin, *names):
    return {key: value for key, value in penguin.items() if key not in names}


VALID = {
    "a Gentoo": GENTOO,
    "an Adelie": ADELIE,
    "a Chinstrap whose sex is null": CHINSTRAP,
    "a penguin without sex": without(GENTOO, "sex"),
    "whole numbers for measurements": with_(GENTOO, bill_length_mm=47, body_mass_g=5200),
}
MISSING = {
    "no island": without(GENTOO, "island"),
    "no measurements": without(GENTOO, "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"),
    "an empty object": {},
}
OUT_OF_RANGE = {
    "body mass in kg": with_(GENTOO, body_mass_g=5.2),
    "a negative bill": with_(GENTOO, bill_length_mm=-47.5),
    "a huge flipper": with_(GENTOO, flipper_length_mm=2180.0),
}
WRONG_TYPES = {
    "a number as text": with_(GENTOO, bill_length_mm="47.5"),
    "a whole number as text": with_(GENTOO, body_mass_g="5200"),
    "a measurement that is null": with_(GENTOO, bill_depth_mm=None),
    "a measurement that is a list": with_(GENTOO, bill_depth_mm=[15.0]),
    "an island that is a number": with_(GENTOO, island=3),
    "an island that does not exist": with_(GENTOO, island="Atlantis"),
    "an island in lower case": with_(GENTOO, island="biscoe"),
    "a blank sex": with_(GENTOO, sex=""),
    "an island that is null": with_(GENTOO, island=None),
}
EXTRA = {
    "one extra field": with_(GENTOO, colour="black"),
    "two extra fields": with_(GENTOO, colour="black", name="Pingu"),
    "an extra field and a missing one": with_(without(GENTOO, "island"), colour="black"),
    "an extra field and a bad one": with_(GENTOO, colour="black", body_mass_g="heavy"),
}
NOT_FINITE = {
    "NaN": with_(GENTOO, bill_length_mm=math.nan),
    "infinity": with_(GENTOO, body_mass_g=math.inf),
    "minus infinity": with_(GENTOO, bill_depth_mm=-math.inf),
    "NaN as text": with_(GENTOO, bill_length_mm="nan"),
    "an integer too large for a float": with_(GENTOO, body_mass_g=10**400),
}
NOT_AN_OBJECT = {"a list": [GENTOO], "a string": "Gentoo", "a number": 42}


@pytest.mark.parametrize("name", VALID)
def test_valid_penguins_are_accepted_with_the_same_values(exercise, model, name):
    assert_same_verdict(exercise, name, VALID[name], model.feature_spec)


@pytest.mark.parametrize("name", MISSING)
def test_missing_fields_are_refused_field_by_field(exercise, model, name):
    assert_same_verdict(exercise, name, MISSING[name], model.feature_spec)


@pytest.mark.parametrize("name", OUT_OF_RANGE)
def test_numbers_out_of_the_cards_range_are_refused(exercise, model, name):
    assert_same_verdict(exercise, name, OUT_OF_RANGE[name], model.feature_spec)


@pytest.mark.parametrize("name", WRONG_TYPES)
def test_wrong_types_are_refused_not_converted(exercise, model, name):
    assert_same_verdict(exercise, name, WRONG_TYPES[name], model.feature_spec)


@pytest.mark.parametrize("name", EXTRA)
def test_extra_fields_are_refused_by_name(exercise, model, name):
    assert_same_verdict(exercise, name, EXTRA[name], model.feature_spec)


@pytest.mark.parametrize("name", NOT_FINITE)
def test_nan_infinity_and_overflow_are_refused(exercise, model, name):
    assert_same_verdict(exercise, name, NOT_FINITE[name], model.feature_spec)


@pytest.mark.parametrize("name", NOT_AN_OBJECT)
def test_input_that_is_not_an_object_is_refused(exercise, model, name):
    assert_same_verdict(exercise, "a Gentoo, as an object", GENTOO, model.feature_spec)
    assert_same_verdict(exercise, name, NOT_AN_OBJECT[name], model.feature_spec)


def test_the_rules_come_from_the_model_card(exercise, model):
    # Another card: a range that starts at 0 (where True would pass as 1.0) and one island fewer.
    card = model.feature_spec | {
        "bill_length_mm": model.feature_spec["bill_length_mm"] | {"minimum": 0.0, "maximum": 2.0},
        "island": model.feature_spec["island"] | {"choices": ["Biscoe", "Dream"]},
    }
    cases = {
        "a bill of 1.5 mm, inside this card's range": with_(GENTOO, bill_length_mm=1.5),
        "a bill of 47.5 mm, outside this card's range": GENTOO,
        "True as a bill length, which float() reads as 1.0": with_(GENTOO, bill_length_mm=True),
        "Torgersen, not an island of this card": with_(GENTOO, island="Torgersen", bill_length_mm=1.5),
    }
    for name, data in cases.items():
        assert_same_verdict(exercise, f"with another model card, {name}", data, card)
