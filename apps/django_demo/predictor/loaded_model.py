"""The one model the project serves, found through ``settings.PENGUIN_MODEL_DIR``."""

from functools import lru_cache

from django.conf import settings

from penguin_model import load_model


def current_model():
    """The ``PenguinModel`` in ``settings.PENGUIN_MODEL_DIR``, loaded once per process and folder."""
    return _load(str(settings.PENGUIN_MODEL_DIR))


@lru_cache(maxsize=4)
def _load(directory):
    return load_model(directory)
