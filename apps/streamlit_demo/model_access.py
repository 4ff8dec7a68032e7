"""Everything the pages share: the model (loaded once per server) and the training data.

Streamlit reruns a page's whole script on every click. ``st.cache_resource`` keeps one loaded
model for every session and rerun; without it each click would read and check the model file
again. ``st.cache_data`` does the same for the training data, returning each caller a copy.
"""

import os

import streamlit as st

from penguin_model import ModelLoadError, load_model, load_training_data
from penguin_model.data import NUMERIC_FEATURES
from penguin_model.persistence import DEFAULT_MODEL_DIR


def model_directory():
    """The model folder: ``PENGUIN_MODEL_DIR`` if set (read on every run, so tests can point
    the app at their own model), else the course's ``models/``."""
    return os.environ.get("PENGUIN_MODEL_DIR") or str(DEFAULT_MODEL_DIR)


@st.cache_resource(show_spinner="Loading the model…")
def cached_model(directory):
    """The loaded model for ``directory``; a failure is not cached, so a retry can succeed."""
    return load_model(directory)


def model_or_stop():
    """The model, or an explanation on the page (never a traceback) and the end of this run."""
    try:
        return cached_model(model_directory())
    except ModelLoadError as error:
        st.error(f"**The app has no model to use.** {error}", icon="🚫")
        st.stop()


@st.cache_data(show_spinner=False)
def training_penguins():
    """The penguins the model was trained on, with their species, for charts and comparisons."""
    features, species = load_training_data()
    return features.assign(species=species)


@st.cache_data(show_spinner=False)
def typical_penguins():
    """One typical penguin per species: median measurements and the island most of them live on."""
    data = training_penguins()
    typical = {}
    for species, group in data.groupby("species"):
        medians = group[list(NUMERIC_FEATURES)].median().round(1)
        typical[species] = {"island": group["island"].mode()[0], **medians.to_dict(), "sex": None}
    return typical


def species_medians():
    """Median measurements per species, as a table with one column per species."""
    data = training_penguins()
    return data.groupby("species")[list(NUMERIC_FEATURES)].median().round(1).T

