"""The Predict page: fields from the model card, the schema's messages, predictions equal to the package's."""

import pytest

from penguin_model import InvalidInput
from penguin_model.data import NUMERIC_FEATURES
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO
from penguin_model.wording import CORRECT_THE_FORM, blank_choice, feature_label, probability_text, range_text
from tests.support.streamlit_app import open_page, texts


def fill_form(app, penguin):
    """Type a penguin into the form, as text, the way a student does."""
    for name in NUMERIC_FEATURES:
        app.text_input(key=name).input(str(penguin[name]))
    app.selectbox(key="island").set_value(penguin["island"])
    app.selectbox(key="sex").set_value(penguin["sex"])


def press_predict(app):
    app.button(key="predict").click().run()
    assert not app.exception, [element.value for element in app.exception]
    return app


def field_messages(app):
    """The messages drawn beside fields: every error box except the summary above the form."""
    return [element.value for element in app.error if not element.value.startswith(CORRECT_THE_FORM)]


def summary(app):
    found = [element.value for element in app.error if element.value.startswith(CORRECT_THE_FORM)]
    assert len(found) == 1, f"expected one summary, found {found}"
    return found[0]


def test_the_form_starts_empty_and_shows_no_prediction(app):
    open_page(app, "predict")
    assert all(not app.text_input(key=name).value for name in NUMERIC_FEATURES)
    assert not app.success and not app.error
    assert "last_prediction" not in app.session_state


def test_fields_take_their_labels_ranges_and_choices_from_the_model_card(app, model):
    open_page(app, "predict")
    spec = model.feature_spec
    for name in NUMERIC_FEATURES:
        assert app.text_input(key=name).label == feature_label(name, spec[name])
    shown_ranges = [caption.value for caption in app.caption]
    assert all(range_text(spec[name]) in shown_ranges for name in NUMERIC_FEATURES), shown_ranges
    for name in ("island", "sex"):
        select = app.selectbox(key=name)
        assert select.options == spec[name]["choices"], name
        assert select.placeholder == blank_choice(spec[name]), name
        assert select.value is None, "a select must start blank, so nothing is chosen silently"


@pytest.mark.parametrize("penguin", [ADELIE, CHINSTRAP, GENTOO], ids=["adelie", "chinstrap", "gentoo"])
def test_a_prediction_matches_the_shared_package(app, model, penguin):
    open_page(app, "predict")
    fill_form(app, penguin)
    press_predict(app)
    expected = model.predict(model.validate(penguin))
    shown = app.session_state["last_prediction"]
    assert shown["species"] == expected["species"]
    assert shown["probabilities"] == expected["probabilities"]
    likelihood = probability_text(expected["probabilities"][expected["species"]])
    assert f"**{expected['species']}** ({likelihood} probability)" in texts(app.success)
    assert not app.error


def test_an_empty_form_names_every_required_field_in_form_order(app, model):
    open_page(app, "predict")
    press_predict(app)
    required = [name for name, rules in model.feature_spec.items() if rules["required"]]
    assert "sex" not in required  # optional: the model imputes it
    lines = summary(app).splitlines()[1:]
    assert lines == [f"- **{feature_label(name, model.feature_spec[name])}**: This field is required."
                     for name in required]  # the form's order, not the alphabet's
    assert field_messages(app) == ["This field is required."] * len(required)
    assert not app.success


def test_kilograms_typed_for_grams_get_the_schemas_message_beside_the_field(app, model):
    """5.2 is a body mass in kg; a number box with bounds would refuse it without a word."""
    open_page(app, "predict")
    fill_form(app, GENTOO)
    app.text_input(key="body_mass_g").input("5.2")
    press_predict(app)
    with pytest.raises(InvalidInput) as refused:
        model.validate(GENTOO | {"body_mass_g": "5.2"}, from_text=True)
    message = refused.value.errors[0].message  # the shared schema's words, not the app's
    assert field_messages(app) == [message]
    assert f"- **Body mass (g)**: {message}" in summary(app)
    assert "last_prediction" not in app.session_state


@pytest.mark.parametrize("typed", ["abc", "5,2", "nan"])
def test_a_value_that_is_not_a_number_is_reported_not_dropped(app, typed):
    open_page(app, "predict")
    fill_form(app, GENTOO)
    app.text_input(key="body_mass_g").input(typed)
    press_predict(app)
    assert len(field_messages(app)) == 1
    assert "Body mass (g)" in summary(app)
    assert "required" not in summary(app), "a typed value must not be reported as missing"


def test_a_bad_submission_removes_the_previous_answer(app):
    open_page(app, "predict")
    fill_form(app, GENTOO)
    press_predict(app)
    app.text_input(key="bill_length_mm").input("")
    press_predict(app)
    assert not app.success and "last_prediction" not in app.session_state
    assert "Bill length (mm)" in summary(app)


@pytest.mark.parametrize("species", ["Adelie", "Chinstrap", "Gentoo"])
def test_a_typical_example_fills_the_form_and_is_classified_as_its_species(app, species):
    open_page(app, "predict")
    app.button(key=f"example_{species}").click().run()
    press_predict(app)
    assert app.session_state["last_prediction"]["species"] == species


def test_choosing_an_example_clears_the_old_messages(app):
    open_page(app, "predict")
    press_predict(app)
    app.button(key="example_Gentoo").click().run()
    assert not app.error


def test_the_answer_explains_itself_against_the_training_data(app):
    open_page(app, "predict")
    fill_form(app, ADELIE)
    press_predict(app)
    comparison = app.dataframe[0].value
    assert list(comparison.columns) == ["this penguin", "Adelie", "Chinstrap", "Gentoo"]
    assert comparison.loc["Bill length (mm)", "this penguin"] == ADELIE["bill_length_mm"]
