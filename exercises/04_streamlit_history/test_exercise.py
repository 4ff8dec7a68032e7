"""Checks for exercise 04 · A history that survives reruns. Run: make check EXERCISE=04_streamlit_history"""

import pytest
from streamlit.testing.v1 import AppTest

BASE_PENGUIN = {"island": "Dream", "bill_length_mm": 39.0, "bill_depth_mm": 18.5,
                "flipper_length_mm": 190.0, "body_mass_g": 3700.0, "sex": "female"}


def run(app):
    """Run the page; fail with the page's own error if it raised one."""
    app.run()
    if app.exception:
        pytest.fail(f"Your page raised an error: {app.exception[0].message}", pytrace=False)
    return app


def predict(app, bill_length):
    app.number_input(key="bill_length_mm").set_value(bill_length)
    app.button(key="predict").click()
    return run(app)


def history(app):
    if "history" not in app.session_state:
        pytest.fail("No history in the session: keep it in st.session_state['history'].", pytrace=False)
    return app.session_state["history"]


def species_for(model, bill_length):
    return model.predict(model.validate(BASE_PENGUIN | {"bill_length_mm": bill_length}))["species"]


@pytest.fixture
def app(exercise_dir):
    return AppTest.from_file(exercise_dir / "exercise.py", default_timeout=60)


def test_the_history_starts_empty(app):
    run(app)
    assert history(app) == [], "Before any prediction the history should be an empty list."


def test_each_prediction_is_recorded_in_order(app, model):
    run(app)
    predict(app, 39.0)
    predict(app, 50.0)
    expected = [{"bill_length_mm": 39.0, "species": species_for(model, 39.0)},
                {"bill_length_mm": 50.0, "species": species_for(model, 50.0)}]
    assert history(app) == expected, (
        f"After predicting 39.0 then 50.0 the history should be {expected}; it is {history(app)}.")


def test_a_rerun_without_submitting_neither_adds_nor_wipes(app):
    run(app)
    predict(app, 45.0)
    run(app)  # a rerun that is not a submission, as any other click would start
    assert len(history(app)) == 1, (
        f"After one prediction and a rerun without pressing Predict the history holds {len(history(app))} "
        "entries, not 1: create it on the session's first run only, and add to it only when the form "
        "was submitted.")


def test_the_history_is_shown_as_a_table(app):
    run(app)
    predict(app, 39.0)
    predict(app, 60.0)
    if not app.dataframe:
        pytest.fail("No table on the page: show the history with st.dataframe.", pytrace=False)
    table = app.dataframe[0].value
    assert len(table) == 2 and list(table["species"]) == [row["species"] for row in history(app)], (
        "The table should list every prediction, oldest first.")


def test_clear_history_empties_it_and_the_table(app):
    run(app)
    predict(app, 39.0)
    buttons = [button for button in app.button if button.key == "clear_history"]
    if not buttons:
        pytest.fail("No button with key='clear_history' was found on the page.", pytrace=False)
    buttons[0].click()
    run(app)
    assert history(app) == [], "After 'Clear history' the history should be empty."
    assert app.dataframe and len(app.dataframe[0].value) == 0, (
        "The history is empty after 'Clear history', but the table drawn in that same run still shows "
        "the old rows: in that run, the table must be drawn from the emptied history.")
