"""The Streamlit app's entry point: `streamlit run apps/streamlit_demo/app.py`.

It only declares the pages; each page is a script that Streamlit reruns top to bottom on
every interaction, and each one loads the model through ``model_access`` (cached once).
"""

import streamlit as st

st.set_page_config(page_title="Penguin species", page_icon="🐧", layout="wide")

pages = [
    st.Page("pages/predict.py", title="Predict", icon="🐧", default=True),
    st.Page("pages/batch.py", title="Batch (CSV)", icon="📄"),
    st.Page("pages/model_card.py", title="Model", icon="📋"),
]
st.navigation(pages).run()
