"""The model a server process serves: loaded once, then kept, and inherited by the workers it forks.

gunicorn's master loads it before it starts any worker (``course_helpers.gunicorn_config``). A worker
is a fork of the master, a copy of its memory, so it starts with the model already here and never reads
``models/`` itself. A worker that restarts after a crash, an out-of-memory kill or gunicorn's timeout
therefore serves what the others serve, whatever has happened to the files since: it cannot fail to
start for want of a model, and the server cannot stop because of it. Only a reload (gunicorn's SIGHUP)
loads the current model again, and a model that cannot load then is refused, the old one kept.

A process that was not forked from one that loaded the model (a uvicorn worker, which is started afresh)
loads it here on its first call, as ``load_model`` does.
"""

import logging
import os

from penguin_model.persistence import ModelLoadError, fast_by_default, load_model, model_directory
from penguin_model.releases import current_release, is_store

logger = logging.getLogger(__name__)
_kept = {}  # (folder, fast) -> PenguinModel


def served_model(directory=None):
    """The model this process serves from ``directory`` (default: ``model_directory()``), loaded once."""
    key = _key(directory)
    if key not in _kept:
        _kept[key] = load_model(directory)
    return _kept[key]


def reload_served_model(directory=None):
    """Load the current model of ``directory`` again and serve it from now on; return the model served.

    If it cannot be loaded, the model served so far is kept and one warning line says why: a reload
    never falls back to an earlier release, since the model in memory has been serving well until now.
    With nothing kept yet, the error is raised.
    """
    key = _key(directory)
    try:
        _kept[key] = load_model(_current_folder(directory or model_directory()))
    except ModelLoadError as refusal:
        if key not in _kept:
            raise
        logger.warning("%s Still serving model %s.", refusal, _kept[key].version)
    return _kept[key]


def _current_folder(directory):
    """The one folder ``load_model(directory)`` would try first: no falling back to earlier releases."""
    return current_release(directory) if is_store(directory) else directory


def _key(directory):
    return os.path.abspath(directory or model_directory()), fast_by_default()
