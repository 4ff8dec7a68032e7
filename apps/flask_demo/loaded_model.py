"""The one model the app serves: loaded once when the app is created, shared by every request."""

from flask import current_app

from penguin_model import served_model

EXTENSION_KEY = "penguin_model"


def init_app(app):
    """Take the model named by ``MODEL_DIR``; a ``ModelLoadError`` stops the app from starting.

    ``served_model`` loads it once per process; a gunicorn worker finds it already loaded by its master.
    """
    app.extensions[EXTENSION_KEY] = served_model(app.config["MODEL_DIR"])


def current_model(app=None):
    """The ``PenguinModel`` of ``app``, by default of the app handling the current request."""
    return (current_app if app is None else app).extensions[EXTENSION_KEY]
