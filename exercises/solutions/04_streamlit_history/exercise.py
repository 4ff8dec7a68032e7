"""Exercise 04 · A history that survives reruns (solution)."""

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

# A plain list would be new on every rerun; session state lives as long as the browser tab's session.
# Only on the session's first run: an unconditional ``= []`` would wipe the history at every click.
if "history" not in st.session_state:
    st.session_state["history"] = []

rules = model.feature_spec["bill_length_mm"]
with st.form("predict_form"):
    bill_length = st.number_input("Bill length (mm)", min_value=rules["minimum"], max_value=rules["maximum"],
                                  value=BASE_PENGUIN["bill_length_mm"], step=0.1, key="bill_length_mm")
    submitted = st.form_submit_button("Predict", key="predict")

if submitted:
    answer = model.predict(model.validate(BASE_PENGUIN | {"bill_length_mm": bill_length}))
    st.success(f"{answer['species']} ({answer['probabilities'][answer['species']]:.1%})")
    # Only inside ``if submitted``: any other rerun (a widget change, the Clear button) adds nothing.
    st.session_state["history"].append({"bill_length_mm": bill_length, "species": answer["species"]})

# The script draws top to bottom and a button is True only in the run its click starts: clearing
# before the table is drawn makes the table empty in that very run, not one click later.
if st.button("Clear history", key="clear_history"):
    st.session_state["history"] = []
st.dataframe(st.session_state["history"])
