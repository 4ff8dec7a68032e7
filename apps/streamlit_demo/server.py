"""The Streamlit app's server: its pages (``app.py``) and the contract's /api routes, on one port.

``streamlit run apps/streamlit_demo/server.py`` (what ``make serve-streamlit`` runs) finds the
``st.App`` below and serves it with uvicorn: the pages as ever, and the JSON API of the other apps
under /api/. ``streamlit run apps/streamlit_demo/app.py`` still serves the pages alone.

The ``st.App`` is an ordinary ASGI app, so uvicorn can also serve it directly, with several workers,
from the repository's folder (``python -m course_helpers.serve streamlit --streamlit-server uvicorn``
prints the command). Each worker then has its own Streamlit runtime: a browser's session lives in
the worker its WebSocket reached, so a file upload that another worker receives fails
without a proxy that keeps each browser on one worker. The JSON API has no such state.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# `streamlit run` puts this folder on the path; uvicorn, importing streamlit_demo.server, does not.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import streamlit as st  # noqa: E402 - the path first, for the sibling modules below
from api import ApiFirst, create_api  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from penguin_model import ModelLoadError, served_model  # noqa: E402

STARTUP_FAILURE = 3  # uvicorn's code for "the app could not start"

try:
    # Loaded when the server starts, so the API never runs without a model; the process's one model,
    # which the pages get too (loaded_model.py).
    model = served_model()
except ModelLoadError as problem:
    print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
    raise SystemExit(STARTUP_FAILURE) from None

# An absolute path: under uvicorn, Streamlit would read a relative one from the working folder.
app = st.App(HERE / "app.py", middleware=[Middleware(ApiFirst, api=create_api(model))])
