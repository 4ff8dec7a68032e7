"""The Predict page: widgets from the model card, predictions equal to the shared package's."""

import pytest

from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO
from tests.support.streamlit_app import open_page, texts

NUMERIC = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")


def fill_form(app, penguin):
    for name in NUMERIC:
        app.number_input(key=name).set_value(penguin[name])
    app.selectbox(key="island").set_value(penguin["island"])
    app.selectbox(key="sex").set_value(penguin["sex"])


def test_the_form_starts_empty_and_shows_no_prediction(app):
    open_page(app, "predict")
    assert all(app.number_input(key=name).value is None for name in NUMERIC)
    assert not app.success
    assert "last_prediction" not in app.session_state


def test_widgets_take_their_ranges_and_choices_from_the_model_card(app, model):
    open_page(app, "predict")
    for name in NUMERIC:
        widget, rules = app.number_input(key=name), model.feature_spec[name]
        assert (widget.min, widget.max) == (rules["minimum"], rules["maximum"]), name
    assert app.selectbox(key="island").options == model.feature_spec["island"]["choices"]
    assert app.selectbox(key="sex").options == model.feature_spec["sex"]["choices"]


@pytest.mark.parametrize("penguin", [ADELIE, CHINSTRAP, GENTOO], ids=["adelie", "chinstrap", "gentoo"])
def test_a_prediction_matches_the_shared_package(app, model, penguin):
    open_page(app, "predict")
    fill_form(app, penguin)
    app.button(key="predict").click().run()
    assert not app.exception
    expected = model.predict(model.validate(penguin))
    shown = app.session_state["last_prediction"]
    assert shown["species"] == expected["species"]
    assert shown["probabilities"] == expected["probabilities"]
    assert f"**{expected['species']}**" in texts(app.success)
    assert not app.error


def test_submitting_an_empty_form_names_every_required_field(app):
    open_page(app, "predict")
    app.button(key="predict").click().run()
    message = texts(app.error)
    for label in ("Island", "Bill length (mm)", "Bill depth (mm)", "Flipper length (mm)", "Body mass (g)"):
        assert f"**{label}**: This field is required." in message
    assert "Sex" not in message  # optional: the model imputes it
    assert not app.success


def test_an_out_of_range_value_cannot_be_submitted(app):
    """Streamlit refuses a number outside the widget's bounds, so it arrives as missing."""
    open_page(app, "predict")
    fill_form(app, GENTOO)
    app.number_input(key="body_mass_g").set_value(52_000.0)  # grams typed with an extra zero
    app.button(key="predict").click().run()
    assert not app.exception
    assert "**Body mass (g)**: This field is required." in texts(app.error)
    assert "last_prediction" not in app.session_state


@pytest.mark.parametrize("species", ["Adelie", "Chinstrap", "Gentoo"])
def test_a_typical_example_fills_the_form_and_is_classified_as_its_species(app, species):
    open_page(app, "predict")
    app.button(key=f"example_{species}").click().run()
    app.button(key="predict").click().run()
    assert app.session_state["last_prediction"]["species"] == species


def test_the_answer_explains_itself_against_the_training_data(app):
    open_page(app, "predict")
    fill_form(app, ADELIE)
    app.button(key="predict").click().run()
    comparison = app.dataframe[0].value
    assert list(comparison.columns) == ["this penguin", "Adelie", "Chinstrap", "Gentoo"]
    assert comparison.loc["Bill length (mm)", "this penguin"] == ADELIE["bill_length_mm"]
