"""Save and load the model with skops, never pickle, beside its model card (JSON).

Loading refuses, with one paragraph that says what to do, when the files are missing, damaged
or altered, when they hold types outside a fixed trusted list, or when they were written under
other versions of the libraries they depend on.
"""

import hashlib
import json
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

import skops.io

from penguin_model.data import REPO_ROOT
from penguin_model.predictor import PenguinModel

MODEL_FILE = "penguin_model.skops"
CARD_FILE = "model_card.json"
# Packages whose versions a saved model depends on; loading under any other version refuses.
TRACKED_PACKAGES = ("scikit-learn", "numpy", "skops")
RETRAIN = "Run `make model` (or `python -m penguin_model.train`) to train a fresh one."

# skops loads only types it trusts by default or that are named here. These are the
# non-default types in our pipeline; anything else in a file makes loading refuse.
TRUSTED_TYPES = ["numpy.dtype"]


class ModelLoadError(RuntimeError):
    """The model could not be loaded; the message says why and what to do."""


def model_directory():
    """Where the model lives: the folder in the environment variable PENGUIN_MODEL_DIR, else ``models/``.

    Read on every call, so a server or a test started with the variable set uses its own model.
    """
    return Path(os.environ.get("PENGUIN_MODEL_DIR") or REPO_ROOT / "models")


def save_model(pipeline, card, directory=None):
    """Write the model and its card into ``directory`` (default: ``model_directory()``); return its path.

    Each file is written to a temporary name and then renamed, so an interrupted save never
    leaves a half-written model behind.
    """
    directory = Path(directory or model_directory())
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    model_bytes = skops.io.dumps(pipeline)
    card = card | {"artifact": {"file": MODEL_FILE, "sha256": hashlib.sha256(model_bytes).hexdigest()}}
    _write_atomically(model_path, model_bytes)
    _write_atomically(directory / CARD_FILE, (json.dumps(card, indent=2) + "\n").encode())
    return model_path


def load_model(directory=None):
    """Load the model and card in ``directory`` (default: ``model_directory()``), or ``ModelLoadError``."""
    directory = Path(directory or model_directory())
    card = _read_card(directory)
    _check_versions(card)
    model_bytes = _read_model_bytes(directory, card)
    untrusted = set(skops.io.get_untrusted_types(data=model_bytes)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelLoadError(
            f"The model file in {directory} contains types this course does not trust "
            f"({', '.join(sorted(untrusted))}), so it was not loaded. {RETRAIN}"
        )
    return PenguinModel(skops.io.loads(model_bytes, trusted=TRUSTED_TYPES), card)


def _read_card(directory):
    path = directory / CARD_FILE
    if not path.is_file():
        raise ModelLoadError(f"No trained model was found in {directory} (no {CARD_FILE}). {RETRAIN}")
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
        card["artifact"]["sha256"], card["versions"], card["features"]  # noqa: B018 - presence check
    except (ValueError, KeyError, TypeError):
        raise ModelLoadError(f"The model card {path} is damaged or incomplete. {RETRAIN}") from None
    return card


def _check_versions(card):
    mismatches = [
        f"{package} {card['versions'].get(package, 'unknown')} (installed: {version(package)})"
        for package in TRACKED_PACKAGES
        if card["versions"].get(package) != version(package)
    ]
    if mismatches:
        raise ModelLoadError(
            "The saved model was made with other library versions than this environment has: "
            f"{'; '.join(mismatches)}. A model is only safe to load under the versions that saved "
            f"it. {RETRAIN} If you expected these versions, run `make setup` to install the "
            "course's pinned ones."
        )


def _read_model_bytes(directory, card):
    path = directory / card["artifact"].get("file", MODEL_FILE)
    if not path.is_file():
        raise ModelLoadError(f"The model file {path} is missing although its card is there. {RETRAIN}")
    model_bytes = path.read_bytes()
    if hashlib.sha256(model_bytes).hexdigest() != card["artifact"]["sha256"]:
        raise ModelLoadError(
            f"The model file {path} does not match the checksum in its card: it is damaged or "
            f"was changed after training, so it was not loaded. {RETRAIN}"
        )
    return model_bytes


def _write_atomically(path, content):
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
