"""The one model the app serves: loaded once when the app is created, shared by every request."""

import sys

from fastapi import Request

from penguin_model import ModelLoadError, served_model

STARTUP_FAILURE = 3  # uvicorn stops, instead of restarting a worker, that exits with this code


def init_app(app, model_dir=None):
    """Load the model; without a usable one, say why and stop the server from starting."""
    try:
        app.state.model = served_model(model_dir)
    except ModelLoadError as problem:
        print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(STARTUP_FAILURE) from None


async def current_model(request: Request):
    """The ``PenguinModel`` of the app handling ``request`` (a FastAPI dependency).

    ``async`` although it never waits: FastAPI runs a plain ``def`` dependency in a thread pool, a hop
    between threads on every request just to read an attribute.
    """
    return request.app.state.model
