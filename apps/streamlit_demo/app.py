"""The Streamlit app's entry point: `streamlit run apps/streamlit_demo/app.py`.

It only declares the pages; each page is a script that Streamlit reruns top to bottom on
every interaction, and each one gets the model from ``loaded_model.current_model()`` (loaded once).
The pages live in ``app_pages/``, not ``pages/``: Streamlit would also list a folder named
``pages/`` in the sidebar, on its own, whenever a page is opened by its address.
"""

import streamlit as st

st.set_page_config(page_title="Penguin species", page_icon="🐧", layout="wide")

pages = [
    st.Page("app_pages/predict.py", title="Predict", icon="🐧", default=True),
    st.Page("app_pages/batch.py", title="Batch (CSV)", icon="📄"),
    st.Page("app_pages/model_card.py", title="Model", icon="📋"),
]
st.navigation(pages).run()
