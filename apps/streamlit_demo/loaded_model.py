"""The one model the app serves: loaded once per server process, shared by every session and rerun.

Streamlit reruns a page's whole script on every click. ``st.cache_resource`` keeps one loaded
model for every session and rerun; without it each click would read and check the model file
again. The model is the process's own (``penguin_model.served_model``), the one ``server.py`` loads
for the JSON API before the server starts: the pages and the API serve the same object.

A model that cannot be loaded is explained on the page without the server's folders, which are no
visitor's business; the server's log has the whole reason.
"""

import logging

import streamlit as st

from penguin_model import ModelLoadError, model_directory, served_model
from penguin_model.persistence import RETRAIN

logger = logging.getLogger(__name__)
_logged = set()  # each reason once in the log, not once per click


@st.cache_resource(show_spinner="Loading the model…")
def cached_model(directory):
    """The loaded model for ``directory``; a failure is not cached, so a retry can succeed."""
    return served_model(directory)


def current_model():
    """The model, or an explanation on the page (never a traceback, no path) and the end of this run."""
    try:
        # The folder is looked up on every run, so tests can point the app at their own model.
        return cached_model(str(model_directory()))
    except ModelLoadError as error:
        if str(error) not in _logged:
            _logged.add(str(error))
            logger.warning("The pages have no model to use: %s", error)
        st.error(f"**The app has no model to use.** The server's log says why. {RETRAIN}", icon="🚫")
        st.stop()
