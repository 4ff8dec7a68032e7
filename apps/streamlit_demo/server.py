"""The Streamlit app's server: its pages (``app.py``) and the contract's /api routes, on one port.

``streamlit run apps/streamlit_demo/server.py`` (what ``make serve-streamlit`` runs) finds the
``st.App`` below and serves it with uvicorn: the pages as ever, and the JSON API of the other apps
under /api/. ``streamlit run apps/streamlit_demo/app.py`` still serves the pages alone.
"""

import sys

import streamlit as st
from api import ApiFirst, create_api
from starlette.middleware import Middleware

from penguin_model import ModelLoadError, served_model

STARTUP_FAILURE = 3  # uvicorn's code for "the app could not start"

try:
    # Loaded when the server starts, so the API never runs without a model; the process's one model,
    # which the pages get too (loaded_model.py).
    model = served_model()
except ModelLoadError as problem:
    print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
    raise SystemExit(STARTUP_FAILURE) from None

app = st.App("app.py", middleware=[Middleware(ApiFirst, api=create_api(model))])
