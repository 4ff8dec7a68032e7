"""Exercise 04 · What if? (solution)"""

import streamlit as st

from penguin_model import load_model

# An Adelie penguin from Dream island. Its bill is the measurement we will play with.
BASE_PENGUIN = {"island": "Dream", "bill_length_mm": 39.0, "bill_depth_mm": 18.5,
                "flipper_length_mm": 190.0, "body_mass_g": 3700.0, "sex": "female"}
FEATURE = "bill_length_mm"


@st.cache_resource
def cached_model():
    return load_model()


model = cached_model()
st.title("What if its bill were longer?")

measured = model.predict(model.validate(BASE_PENGUIN))
species = measured["species"]
st.metric("As measured", species, delta=f"{measured['probabilities'][species]:.1%}", delta_color="off")

# The range comes from the model card, not from typed numbers: when the model is retrained on other
# data, the slider follows, and it can never offer a value the schema would reject. Steps of 0.1 mm
# match the precision of the measurements in the data.
rules = model.feature_spec[FEATURE]
value = st.slider(f"{FEATURE} ({rules['unit']})", min_value=rules["minimum"], max_value=rules["maximum"],
                  value=BASE_PENGUIN[FEATURE], step=0.1, key="what_if")

# A changed copy (``|`` makes a new dict), so BASE_PENGUIN stays as measured. Validating it anyway is
# the one path every app takes to the model: the schema, not the widget, is what the model trusts.
changed = model.predict(model.validate(BASE_PENGUIN | {FEATURE: value}))
what_if = changed["species"]
st.metric("What if", what_if, delta=f"{changed['probabilities'][what_if]:.1%}", delta_color="off")
