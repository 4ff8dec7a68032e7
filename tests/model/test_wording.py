"""The words every form uses come from one place and read as people expect."""

import pytest

from penguin_model import FieldError, InvalidInput
from penguin_model.wording import blank_choice, errors_in_form_order, probability_text, range_text


@pytest.mark.parametrize(("name", "text"), [("body_mass_g", "1800 to 7200 g"),
                                            ("bill_length_mm", "26.5 to 66.2 mm")])
def test_ranges_drop_a_trailing_zero_and_keep_real_decimals(model, name, text):
    assert range_text(model.feature_spec[name]) == text


def test_a_required_select_asks_for_a_choice_and_an_optional_one_says_what_blank_means(model):
    assert blank_choice(model.feature_spec["island"]) == "Choose…"
    assert "not known" in blank_choice(model.feature_spec["sex"]).lower()


def test_probabilities_are_percentages_with_one_decimal():
    assert probability_text(0.99512) == "99.5%"
    assert probability_text(0.0) == "0.0%"


def test_errors_follow_the_form_not_the_alphabet(model):
    spec = model.feature_spec
    try:
        model.validate({"sex": "x"})
    except InvalidInput as invalid:
        errors = invalid.errors
    ordered = [error.field for error in errors_in_form_order(errors, spec)]
    assert ordered == [name for name in spec if name in ordered], ordered
    assert ordered[0] == "island" and ordered[-1] == "sex"


def test_an_error_about_no_field_comes_first(model):
    errors = [FieldError("sex", "literal_error", "x"), FieldError("", "object_type", "y")]
    assert [e.field for e in errors_in_form_order(errors, model.feature_spec)] == ["", "sex"]
