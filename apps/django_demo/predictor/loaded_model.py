"""The one model the project serves, found through ``settings.PENGUIN_MODEL_DIR``."""

from django.conf import settings

from penguin_model import served_model


def current_model():
    """The ``PenguinModel`` in ``settings.PENGUIN_MODEL_DIR``, loaded once per process (``served_model``;
    a gunicorn worker finds it already loaded by its master).
    """
    return served_model(settings.PENGUIN_MODEL_DIR)
