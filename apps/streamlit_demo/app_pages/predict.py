"""Predict page: one penguin's measurements in a form, its likely species, and why."""

import pandas as pd
import streamlit as st
from loaded_model import current_model
from training_data import species_medians, training_penguins, typical_penguins

from penguin_model import InvalidInput
from penguin_model.schema import feature_label

model = current_model()
spec = model.feature_spec

st.title("🐧 Which species is this penguin?")
st.write("Enter the measurements and press **Predict**. The form checks each value against the "
         "ranges in the model card; nothing is sent until you press the button.")


def fill_with(example):
    """Button callback: put an example penguin into the form's widgets before they are drawn."""
    for name, value in example.items():
        st.session_state[name] = value


st.caption("No penguin to hand? Start from a typical one from the training data:")
example_columns = st.columns(len(model.classes))
for column, (species, example) in zip(example_columns, typical_penguins().items(), strict=True):
    column.button(f"Typical {species}", key=f"example_{species}", on_click=fill_with, args=(example,),
                  width="stretch")


def feature_widget(name, rules):
    """One input widget whose range or choices come from the model card."""
    label = feature_label(name, rules)
    if rules["type"] == "category":
        optional = "Unknown (the model fills it in)"
        placeholder = f"Choose the {label.lower()}" if rules["required"] else optional
        return st.selectbox(label, rules["choices"], index=None, placeholder=placeholder, key=name)
    low, high = rules["minimum"], rules["maximum"]
    whole_grams = rules["unit"] == "g"
    return st.number_input(
        label, min_value=low, max_value=high, value=None, step=50.0 if whole_grams else 0.1,
        format="%.0f" if whole_grams else "%.1f", placeholder=f"{low:g} to {high:g}", key=name,
        help=f"Allowed: {low:g} to {high:g} {rules['unit']} (the training data's range plus a margin).",
    )


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


with st.form("penguin_form"):
    left, right = st.columns(2)
    for index, (name, rules) in enumerate(spec.items()):
        with left if index % 2 == 0 else right:
            feature_widget(name, rules)
    submitted = st.form_submit_button("Predict", type="primary", key="predict")

if submitted:
    # An empty widget is an absent field, so the shared schema reports "This field is required."
    entered = {name: st.session_state[name] for name in spec if st.session_state[name] is not None}
    try:
        penguin = model.validate(entered)
    except InvalidInput as invalid:
        st.session_state.pop("last_prediction", None)
        problems = "\n".join(f"- **{feature_label(e.field, spec.get(e.field, {}))}**: {e.message}"
                             for e in invalid.errors)
        st.error(f"Please correct the form:\n{problems}", icon="✋")
    else:
        # Kept in session state so the answer stays on screen when the page reruns.
        st.session_state["last_prediction"] = {"penguin": penguin, **model.predict(penguin)}

if "last_prediction" in st.session_state:
    answer = st.session_state["last_prediction"]
    penguin, probabilities = answer["penguin"], answer["probabilities"]
    species = answer["species"]
    st.success(f"Most likely species: **{species}** ({probabilities[species]:.1%} probability).", icon="🐧")

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
