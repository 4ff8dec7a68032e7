"""Predict page: one penguin's measurements in a form, its likely species, and why."""

import pandas as pd
import streamlit as st
from loaded_model import current_model
from training_data import species_medians, training_penguins, typical_penguins

from penguin_model import InvalidInput
from penguin_model.wording import (
    CORRECT_THE_FORM,
    MOST_LIKELY,
    SUBMIT_LABEL,
    blank_choice,
    errors_in_form_order,
    feature_label,
    probability_text,
    range_text,
)

model = current_model()
spec = model.feature_spec

st.title("🐧 Which species is this penguin?")
st.write(f"Enter the measurements and press **{SUBMIT_LABEL}**. Each value is checked against the "
         "ranges in the model card, by the same rules as the Flask and Django forms.")


def fill_with(example):
    """Button callback: put an example penguin into the form's widgets before they are drawn."""
    for name, value in example.items():
        # The measurement boxes hold text (see measurement_widget); ":g" writes 5000.0 as 5000.
        st.session_state[name] = f"{value:g}" if isinstance(value, float) else value
    st.session_state.pop("form_errors", None)  # the old messages were about the old values


st.caption("No penguin to hand? Start from a typical one from the training data:")
example_columns = st.columns(len(model.classes))
for column, (species, example) in zip(example_columns, typical_penguins().items(), strict=True):
    column.button(f"Typical {species}", key=f"example_{species}", on_click=fill_with, args=(example,),
                  width="stretch")


def scatter_against_training_data(penguin):
    """A Vega-Lite spec: the training penguins by species, and this penguin as a large cross."""
    training = training_penguins()[["bill_length_mm", "flipper_length_mm", "species"]]
    axes = {"x": {"field": "bill_length_mm", "type": "quantitative", "title": "Bill length (mm)",
                  "scale": {"zero": False}},
            "y": {"field": "flipper_length_mm", "type": "quantitative", "title": "Flipper length (mm)",
                  "scale": {"zero": False}}}
    return {
        "layer": [
            {"data": {"values": training.to_dict("records")}, "mark": {"type": "circle", "opacity": 0.6},
             "encoding": axes | {"color": {"field": "species", "type": "nominal"}}},
            {"data": {"values": [penguin]}, "mark": {"type": "point", "shape": "cross", "size": 400,
                                                     "filled": True, "color": "black"},
             "encoding": axes},
        ],
    }


def check_the_form():
    """Submit callback: validate what was typed with the shared schema, before the page is redrawn.

    It runs before the script, so the page can draw each message beside its field and the
    summary above the form in the same run.
    """
    typed = {name: st.session_state[name] for name in spec}
    try:
        # from_text: the values are text, as from an HTML form; a blank one is an absent field.
        penguin = model.validate(typed, from_text=True)
    except InvalidInput as invalid:
        st.session_state["form_errors"] = errors_in_form_order(invalid.errors, spec)
        st.session_state.pop("last_prediction", None)
    else:
        st.session_state.pop("form_errors", None)
        # Kept in session state so the answer stays on screen when the page reruns.
        st.session_state["last_prediction"] = {"penguin": penguin, **model.predict(penguin)}


def measurement_widget(name, rules):
    """A text box for a measurement, with its allowed range shown under it.

    Not ``st.number_input``: with ``min_value``/``max_value`` the browser refuses a value out of
    range (a red box, the range on hover) and the form is not sent, so nothing explains why; and
    even without them a number box rewrites what it cannot read (in Chromium, "abc" arrives as no
    value and "5,2" as 52). A text box sends what the student typed, and the shared schema judges
    it, with the same message as the Flask and Django forms give.
    """
    st.text_input(feature_label(name, rules), key=name)
    st.caption(range_text(rules))


def choice_widget(name, rules):
    """A select whose choices come from the model card; it starts blank, so nothing is chosen silently."""
    st.selectbox(feature_label(name, rules), rules["choices"], index=None, placeholder=blank_choice(rules),
                 key=name)


def feature_widget(name, rules, errors):
    """One field of the form, and the schema's message for it if the last submission broke a rule."""
    if rules["type"] == "category":
        choice_widget(name, rules)
    else:
        measurement_widget(name, rules)
    for error in errors:
        if error.field == name:
            st.error(error.message, icon="✋")


def error_summary(errors):
    """Every problem of the last submission, in form order, under the course's one sentence."""
    problems = "\n".join(f"- **{feature_label(e.field, spec[e.field])}**: {e.message}" for e in errors)
    return f"{CORRECT_THE_FORM}\n{problems}"


form_errors = st.session_state.get("form_errors", [])
if form_errors:
    st.error(error_summary(form_errors), icon="✋")

with st.form("penguin_form"):
    fields = list(spec.items())
    for row in range(0, len(fields), 2):  # two fields a row, so the rows line up
        for column, (name, rules) in zip(st.columns(2), fields[row:row + 2], strict=False):
            with column:
                feature_widget(name, rules, form_errors)
    st.form_submit_button(SUBMIT_LABEL, type="primary", key="predict", on_click=check_the_form)

if "last_prediction" in st.session_state:
    answer = st.session_state["last_prediction"]
    penguin, probabilities = answer["penguin"], answer["probabilities"]
    species = answer["species"]
    likelihood = probability_text(probabilities[species])
    st.success(f"{MOST_LIKELY}: **{species}** ({likelihood} probability).", icon="🐧")

    st.subheader("Probability of each species")
    st.bar_chart(pd.Series(probabilities, name="probability"), horizontal=True, y_label="",
                 x_label="probability")

    st.subheader("Why? How this penguin compares with the training data")
    comparison = species_medians()
    comparison.insert(0, "this penguin", [penguin[name] for name in comparison.index])
    comparison.index = [feature_label(name, spec[name]) for name in comparison.index]
    st.caption("Its measurements beside the median penguin of each species:")
    st.dataframe(comparison, key="comparison")

    st.caption("Bill length against flipper length: the species form clusters. The black cross is "
               "this penguin; which cluster does it fall in?")
    st.vega_lite_chart(scatter_against_training_data(penguin), key="training_scatter")
