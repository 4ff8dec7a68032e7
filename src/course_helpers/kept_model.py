"""The model a uvicorn server's workers serve: a private copy of the release that loaded when it started.

gunicorn forks its workers from a master that loaded the model (``penguin_model.served``), so a worker
it starts again after a crash serves what the others serve, whatever has happened to ``models/`` since.
uvicorn starts every worker afresh, and each loads the model from disk: a worker replacing one that died
would read ``models/`` as it is *then*. So before uvicorn starts, the course copies the folder of the
release that loads now into a temporary folder, which only this server reads, and points the workers at
it (PENGUIN_MODEL_DIR). A worker replaced an hour later serves the same model as its siblings, from a
copy nobody else can change. The copy goes when the server stops; a new model means a new start.
"""

import contextlib
import shutil
import tempfile
from pathlib import Path

from penguin_model.data import REPO_ROOT

MODEL_DIR_VARIABLE = "PENGUIN_MODEL_DIR"


@contextlib.contextmanager
def kept_model(command, environment):
    """``environment`` for ``command``; for a uvicorn command, pointing at a private copy of the model that
    loads now (with no model that loads, left as it is)."""
    if command[1:3] != ["-m", "uvicorn"]:
        yield environment
        return
    from penguin_model import ModelLoadError, load_model  # not at the top: it imports scikit-learn

    # The folder and the prediction path the server's own environment names, as its workers will read them.
    directory = environment.get(MODEL_DIR_VARIABLE) or REPO_ROOT / "models"
    fast = environment.get("PENGUIN_PREDICTION_PATH", "fast") != "pipeline"
    try:
        folder = load_model(directory, fast=fast).folder
    except ModelLoadError:
        folder = None  # the server stops at once and says why, as every server of the course does
    if folder is None:
        yield environment
        return
    with tempfile.TemporaryDirectory(prefix="penguin-model-") as scratch:
        copy = Path(scratch) / folder.name
        shutil.copytree(folder, copy)
        yield environment | {MODEL_DIR_VARIABLE: str(copy)}
