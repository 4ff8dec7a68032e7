"""Checks for exercise 04 · What if? Run: make check EXERCISE=04_streamlit_what_if"""

import pytest
from streamlit.testing.v1 import AppTest

BASE_PENGUIN = {"island": "Dream", "bill_length_mm": 39.0, "bill_depth_mm": 18.5,
                "flipper_length_mm": 190.0, "body_mass_g": 3700.0, "sex": "female"}


def run_page(exercise_dir):
    """Your page after its first run; fails with the page's own error if it raised one."""
    app = AppTest.from_file(exercise_dir / "exercise.py", default_timeout=60).run()
    if app.exception:
        pytest.fail(f"Your page raised an error: {app.exception[0].message}", pytrace=False)
    return app


def slider(app):
    sliders = [widget for widget in app.slider if widget.key == "what_if"]
    if not sliders:
        pytest.fail("No slider with key='what_if' was found on the page.", pytrace=False)
    return sliders[0]


def metric(app, label):
    metrics = {element.label: element for element in app.metric}
    if label not in metrics:
        pytest.fail(f"No st.metric labelled {label!r}; the page shows {sorted(metrics)}.", pytrace=False)
    return metrics[label]


def expected(model, bill_length):
    answer = model.predict(model.validate(BASE_PENGUIN | {"bill_length_mm": bill_length}))
    return answer["species"], f"{answer['probabilities'][answer['species']]:.1%}"


def test_the_slider_spans_the_model_cards_range(exercise_dir, model):
    app = run_page(exercise_dir)
    rules = model.feature_spec["bill_length_mm"]
    widget = slider(app)
    assert (widget.min, widget.max) == (rules["minimum"], rules["maximum"]), (
        f"The slider runs from {widget.min} to {widget.max}, but the model accepts {rules['minimum']} to "
        f"{rules['maximum']}: read the range from the model card (README.md, step 1).")
    assert widget.value == BASE_PENGUIN["bill_length_mm"], (
        f"The slider starts at {widget.value}: start it at the penguin's measured value.")
    assert widget.step == 0.1, f"The slider moves in steps of {widget.step}: use steps of 0.1 mm."


def test_at_the_measured_value_what_if_agrees_with_as_measured(exercise_dir, model):
    app = run_page(exercise_dir)
    species, probability = expected(model, BASE_PENGUIN["bill_length_mm"])
    shown = metric(app, "What if")
    assert shown.value == species, f"'What if' should show {species}; it shows {shown.value!r}."
    assert shown.delta == probability, f"Show the probability as the delta, like {probability!r}."


@pytest.mark.parametrize("bill_length", [44.0, 50.0, 30.0])
def test_moving_the_slider_asks_the_model_again(exercise_dir, model, bill_length):
    app = run_page(exercise_dir)
    slider(app).set_value(bill_length)
    app.run()
    species, probability = expected(model, bill_length)
    shown = metric(app, "What if")
    assert (shown.value, shown.delta) == (species, probability), (
        f"With a {bill_length} mm bill the model says {species} ({probability}); the page shows "
        f"{shown.value} ({shown.delta}). Predict with FEATURE set to the slider's value.")
    assert metric(app, "As measured").value == expected(model, BASE_PENGUIN["bill_length_mm"])[0], (
        "The 'As measured' metric no longer shows the penguin as measured: leave the top half of the "
        "page as it was.")
