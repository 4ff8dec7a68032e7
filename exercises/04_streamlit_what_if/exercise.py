"""Exercise 04 · What if? Run: streamlit run exercises/04_streamlit_what_if/exercise.py"""

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

# TODO 1: a slider (key="what_if") for FEATURE: its range from the model card, its start at the
# measured value, steps of 0.1. See README.md.


# TODO 2: ask the model about BASE_PENGUIN with FEATURE set to the slider's value, and show the answer
# in a metric labelled "What if", like the one above.
