"""The one model the app serves: loaded once per server, shared by every session and rerun.

Streamlit reruns a page's whole script on every click. ``st.cache_resource`` keeps one loaded
model for every session and rerun; without it each click would read and check the model file
again.
"""

import streamlit as st

from penguin_model import ModelLoadError, load_model, model_directory


@st.cache_resource(show_spinner="Loading the model…")
def cached_model(directory):
    """The loaded model for ``directory``; a failure is not cached, so a retry can succeed."""
    return load_model(directory)


def current_model():
    """The model, or an explanation on the page (never a traceback) and the end of this run."""
    try:
        # The folder is looked up on every run, so tests can point the app at their own model.
        return cached_model(str(model_directory()))
    except ModelLoadError as error:
        st.error(f"**The app has no model to use.** {error}", icon="🚫")
        st.stop()
