"""Save and load the model with skops, never pickle, beside its model card (JSON).

Saving also writes the fast path (``fast_path``: the pipeline's fitted numbers, JSON) when the
pipeline can be written out that way. Loading serves the fast path by default, and the scikit-learn
pipeline with ``fast=False`` or when there is no fast path (with a warning that says why).

Loading refuses, with one paragraph that says what to do, when the files are missing, damaged
or altered, when they hold types outside a fixed trusted list, or when they were written under
other versions of the libraries they depend on. skops, and with it scikit-learn, is imported only
to save or to load the pipeline: serving the fast path needs neither.
"""

import hashlib
import json
import os
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path

from penguin_model.data import REPO_ROOT
from penguin_model.fast_path import FastPath, FastPathUnavailable, export_fast_path
from penguin_model.predictor import PenguinModel

MODEL_FILE = "penguin_model.skops"
FAST_PATH_FILE = "fast_path.json"
CARD_FILE = "model_card.json"
# Packages whose versions a saved model depends on; loading under any other version refuses.
TRACKED_PACKAGES = ("scikit-learn", "numpy", "skops")
RETRAIN = "Run `make model` (or `python -m penguin_model.train`) to train a fresh one."
SLOW_PATH_NOTE = "The model is served by its scikit-learn pipeline instead: the same answers, more slowly."

# skops loads only types it trusts by default or that are named here: the non-default types in
# the pipeline of each classifier training may choose (train.candidate_classifiers). Anything
# else in a file makes loading refuse.
TRUSTED_TYPES = [
    "numpy.dtype",
    "sklearn.tree._tree.Tree",  # random forest
    "sklearn.neighbors._kd_tree.KDTree",  # k nearest neighbours
    "sklearn.metrics._dist_metrics.EuclideanDistance64",  # k nearest neighbours
]


class ModelLoadError(RuntimeError):
    """The model could not be loaded; the message says why and what to do."""


class SlowPathWarning(UserWarning):
    """The model has no fast path, so it is served by its (slower) scikit-learn pipeline."""


def model_directory():
    """Where the model lives: the folder in the environment variable PENGUIN_MODEL_DIR, else ``models/``.

    Read on every call, so a server or a test started with the variable set uses its own model.
    """
    return Path(os.environ.get("PENGUIN_MODEL_DIR") or REPO_ROOT / "models")


def save_model(pipeline, card, directory=None):
    """Write the model, its fast path if it has one, and its card into ``directory``; return the model's path.

    Each file is written to a temporary name and then renamed, so an interrupted save never
    leaves a half-written model behind; the card, which names the others, is written last.
    """
    import skops.io

    directory = Path(directory or model_directory())
    directory.mkdir(parents=True, exist_ok=True)
    model_bytes = skops.io.dumps(pipeline)
    card = card | {"artifact": _write_checked(directory / MODEL_FILE, model_bytes)}
    try:
        fast_bytes = json.dumps(export_fast_path(pipeline).parameters, indent=1).encode()
        card["fast_path"] = _write_checked(directory / FAST_PATH_FILE, fast_bytes)
    except FastPathUnavailable as problem:
        (directory / FAST_PATH_FILE).unlink(missing_ok=True)
        card["fast_path"] = {"unavailable": str(problem)}
    _write_atomically(directory / CARD_FILE, (json.dumps(card, indent=2) + "\n").encode())
    return directory / MODEL_FILE


def load_model(directory=None, *, fast=None):
    """Load the model in ``directory`` (default: ``model_directory()``), or raise ``ModelLoadError``.

    ``fast=True`` serves the fast path when the model has one; ``fast=False`` loads the pipeline.
    By default the environment variable PENGUIN_PREDICTION_PATH decides: ``fast`` (or unset) or
    ``pipeline``, so a server can be started either way without changing its code (bench/ does).
    """
    directory = Path(directory or model_directory())
    if directory.is_symlink():
        # Follow a link (`current` -> `releases/1.1.0`) once, so that every file is read from the same
        # version even if the link is switched while this loads (chapter 07 rolls models out so).
        directory = directory.resolve()
    fast = _fast_by_default() if fast is None else fast
    card = _read_card(directory)
    _check_versions(card)
    if fast:
        entry = card.get("fast_path", {"unavailable": "This model was saved without a fast path."})
        if "unavailable" not in entry:
            return PenguinModel(FastPath(json.loads(_read_checked(directory, entry))), card)
        warnings.warn(f"{entry['unavailable']} {SLOW_PATH_NOTE}", SlowPathWarning, stacklevel=2)
    return PenguinModel(_load_pipeline(directory, card), card)


def _fast_by_default():
    choice = os.environ.get("PENGUIN_PREDICTION_PATH") or "fast"
    if choice not in {"fast", "pipeline"}:
        raise ModelLoadError(f"PENGUIN_PREDICTION_PATH is {choice!r}: set it to fast or pipeline.")
    return choice == "fast"


def _load_pipeline(directory, card):
    import skops.io

    from penguin_model.pipeline_path import PipelinePath

    model_bytes = _read_checked(directory, card["artifact"])
    untrusted = set(skops.io.get_untrusted_types(data=model_bytes)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelLoadError(
            f"The model file in {directory} contains types this course does not trust "
            f"({', '.join(sorted(untrusted))}), so it was not loaded. {RETRAIN}"
        )
    return PipelinePath(skops.io.loads(model_bytes, trusted=TRUSTED_TYPES))


def _read_card(directory):
    path = directory / CARD_FILE
    if not path.is_file():
        raise ModelLoadError(f"No trained model was found in {directory} (no {CARD_FILE}). {RETRAIN}")
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
        card["artifact"]["sha256"], card["features"]  # noqa: B018 - presence check
        if not isinstance(card["versions"], dict):  # the version check reads it as package -> version
            raise TypeError("versions")
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


def _read_checked(directory, entry):
    """The bytes of the file a card ``entry`` names, if they match the checksum recorded for them."""
    path = directory / entry["file"]
    if not path.is_file():
        raise ModelLoadError(f"The model file {path} is missing although its card is there. {RETRAIN}")
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != entry["sha256"]:
        raise ModelLoadError(
            f"The model file {path} does not match the checksum in its card: it is damaged or "
            f"was changed after training, so it was not loaded. {RETRAIN}"
        )
    return content


def _write_checked(path, content):
    """Write ``content`` to ``path``; return the card entry that names it and its checksum."""
    _write_atomically(path, content)
    return {"file": path.name, "sha256": hashlib.sha256(content).hexdigest()}


def _write_atomically(path, content):
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
