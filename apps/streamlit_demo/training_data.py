"""The penguins the model learned from, for the pages' charts and comparisons.

``st.cache_data`` reads them once per server and hands every caller its own copy, so one session
cannot change what another sees.
"""

import streamlit as st

from penguin_model import load_training_data
from penguin_model.data import NUMERIC_FEATURES


@st.cache_data(show_spinner=False)
def training_penguins():
    """The penguins the model was trained on, with their species."""
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
