"""Exercise 04 · A history that survives reruns.

Run it: streamlit run exercises/04_streamlit_history/exercise.py
"""

import streamlit as st

from penguin_model import load_model

# A penguin whose bill length you choose in the form; everything else stays as measured.
BASE_PENGUIN = {"island": "Dream", "bill_length_mm": 39.0, "bill_depth_mm": 18.5,
                "flipper_length_mm": 190.0, "body_mass_g": 3700.0, "sex": "female"}


@st.cache_resource
def cached_model():
    return load_model()


model = cached_model()
st.title("Every prediction of this session")

# TODO 1: st.session_state["history"], an empty list when the session starts and kept on every
# rerun after that (README.md, step 1).

rules = model.feature_spec["bill_length_mm"]
with st.form("predict_form"):
    bill_length = st.number_input("Bill length (mm)", min_value=rules["minimum"], max_value=rules["maximum"],
                                  value=BASE_PENGUIN["bill_length_mm"], step=0.1, key="bill_length_mm")
    submitted = st.form_submit_button("Predict", key="predict")

if submitted:
    answer = model.predict(model.validate(BASE_PENGUIN | {"bill_length_mm": bill_length}))
    st.success(f"{answer['species']} ({answer['probabilities'][answer['species']]:.1%})")
    # TODO 2: record this prediction in the history (README.md, step 2).

# TODO 3: the history as a table, and a "Clear history" button (key="clear_history") that empties
# it, the table included, in the run its click starts (README.md, step 3).
