"""Save and load the model with skops, never pickle, beside its model card (JSON) and a manifest.

One model is one folder: the pipeline (``penguin_model.skops``), its fast path (``fast_path.json``: the
pipeline's fitted numbers) when the pipeline can be written out that way, the card, and last
``manifest.json``, the SHA-256 checksum of each of those files. Loading checks every file the manifest
lists, the card included, whichever prediction path it then serves, so a file that was damaged, edited
or copied in part is refused, not served. The course keeps its models as releases of such folders in
``models/`` (``penguin_model.releases``); ``load_model`` serves the release that folder names as current.

Loading serves the fast path by default, and the scikit-learn pipeline with ``fast=False`` or when
there is no fast path (with a warning that says why). It refuses, with one paragraph that says what to
do, when the files are missing, damaged or altered, when they hold types outside a fixed trusted list,
or when they were written under other versions of the libraries they depend on. skops, and with it
scikit-learn, is imported only to save or to load the pipeline: serving the fast path needs neither.
"""

import hashlib
import json
import os
import tempfile
import warnings
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from penguin_model.data import REPO_ROOT
from penguin_model.fast_path import FastPath, FastPathUnavailable, export_fast_path
from penguin_model.predictor import PenguinModel

MODEL_FILE = "penguin_model.skops"
FAST_PATH_FILE = "fast_path.json"
CARD_FILE = "model_card.json"
MANIFEST_FILE = "manifest.json"
# Packages whose versions a saved model depends on; loading under any other version refuses.
TRACKED_PACKAGES = ("scikit-learn", "numpy", "skops")
RETRAIN = "Run `make model` (or `python -m penguin_model.train`) to train a fresh one."
SLOW_PATH_NOTE = "The model is served by its scikit-learn pipeline instead: the same answers, more slowly."
# Readable by every user, as a server that runs under another account than training did needs
# (deploy/docker/Dockerfile trains as root and serves as a user without privileges).
FILE_MODE = 0o644

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
    """Save the model and return the path of its pipeline file.

    Into a folder of releases (``models/``, the default), the model goes as a new release that becomes
    the current one once it loads (``releases.publish_model``: `make model` saves so). Into any other
    folder, its files are written there. Each file is written to a temporary name and then renamed,
    and the manifest, which vouches for the others, comes last: a save cut short is refused at load.
    """
    from penguin_model import releases  # not at the top: releases imports this module

    if directory is None or releases.is_store(directory):
        return releases.publish_model(pipeline, card, directory) / MODEL_FILE
    return _write_folder(pipeline, card, Path(directory)) / MODEL_FILE


def load_model(directory=None, *, fast=None):
    """Load the model in ``directory`` (default: ``model_directory()``), or raise ``ModelLoadError``.

    ``directory`` is one model's folder, or a folder of releases, whose current release is loaded (or,
    when that one cannot be, the newest earlier one that can: ``releases.load_current_release``).
    ``fast=True`` serves the fast path when the model has one; ``fast=False`` loads the pipeline.
    By default the environment variable PENGUIN_PREDICTION_PATH decides: ``fast`` (or unset) or
    ``pipeline``, so a server can be started either way without changing its code (bench/ does).
    """
    from penguin_model import releases  # not at the top: releases imports this module

    directory = Path(directory or model_directory())
    if directory.is_symlink():
        # Follow a link (`current` -> `releases/1.1.0`) once, so that every file is read from the same
        # version even if the link is switched while this loads (chapter 07 rolls models out so).
        directory = directory.resolve()
    fast = fast_by_default() if fast is None else fast
    if releases.is_store(directory):
        return releases.load_current_release(directory, fast=fast)
    return _load_folder(directory, fast)


def fast_by_default():
    """Whether a model loaded without ``fast=`` serves its fast path (PENGUIN_PREDICTION_PATH)."""
    choice = os.environ.get("PENGUIN_PREDICTION_PATH") or "fast"
    if choice not in {"fast", "pipeline"}:
        raise ModelLoadError(f"PENGUIN_PREDICTION_PATH is {choice!r}: set it to fast or pipeline.")
    return choice == "fast"


def saved_at(directory):
    """When the model in ``directory`` was saved (its manifest's UTC time, ISO 8601); None if unreadable."""
    try:
        saved = json.loads((Path(directory) / MANIFEST_FILE).read_text(encoding="utf-8"))["saved"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return saved if isinstance(saved, str) else None


def _write_folder(pipeline, card, directory):
    import skops.io

    directory.mkdir(parents=True, exist_ok=True)
    model_bytes = skops.io.dumps(pipeline)
    card = card | {"artifact": _write_checked(directory / MODEL_FILE, model_bytes)}
    try:
        fast_bytes = json.dumps(export_fast_path(pipeline).parameters, indent=1).encode()
        card["fast_path"] = _write_checked(directory / FAST_PATH_FILE, fast_bytes)
    except FastPathUnavailable as problem:
        (directory / FAST_PATH_FILE).unlink(missing_ok=True)
        card["fast_path"] = {"unavailable": str(problem)}
    card_bytes = (json.dumps(card, indent=2) + "\n").encode()
    write_atomically(directory / CARD_FILE, card_bytes)
    written = {CARD_FILE: card_bytes, MODEL_FILE: model_bytes} | (
        {FAST_PATH_FILE: fast_bytes} if "file" in card["fast_path"] else {})
    manifest = {"saved": datetime.now(UTC).isoformat(timespec="microseconds"),
                "files": {name: _sha256(content) for name, content in sorted(written.items())}}
    write_atomically(directory / MANIFEST_FILE, (json.dumps(manifest, indent=2) + "\n").encode())
    return directory


def _load_folder(directory, fast):
    contents = _verified_files(directory)
    card = _parse_card(directory, contents[CARD_FILE])
    _check_versions(card)
    if fast:
        entry = card["fast_path"]
        if "unavailable" not in entry:
            return PenguinModel(FastPath(json.loads(_listed(directory, contents, entry))), card, directory)
        warnings.warn(f"{entry['unavailable']} {SLOW_PATH_NOTE}", SlowPathWarning, stacklevel=3)
    return PenguinModel(_load_pipeline(directory, _listed(directory, contents, card["artifact"])), card,
                        directory)


def _verified_files(directory):
    """Every file the manifest in ``directory`` lists, by name, each checked against its checksum."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        if (directory / CARD_FILE).is_file():
            raise ModelLoadError(
                f"The model in {directory} has no {MANIFEST_FILE}, the list of checksums that vouches "
                f"for its files: it was saved by an older version of the course, or copied in part, so "
                f"it was not loaded. {RETRAIN}")
        raise ModelLoadError(f"No trained model was found in {directory}. {RETRAIN}")
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        if CARD_FILE not in files or not all(isinstance(value, str) and Path(name).name == name
                                             for name, value in files.items()):
            raise TypeError("files")
    except (ValueError, KeyError, TypeError):
        raise ModelLoadError(f"The manifest {path} is damaged or incomplete. {RETRAIN}") from None
    return {name: _read_checked(directory / name, checksum) for name, checksum in files.items()}


def _read_checked(path, checksum):
    if not path.is_file():
        raise ModelLoadError(f"The model file {path} is missing although its manifest lists it. {RETRAIN}")
    content = path.read_bytes()
    if _sha256(content) != checksum:
        raise ModelLoadError(
            f"The model file {path} does not match its checksum in {MANIFEST_FILE}: it is damaged or "
            f"was changed after training, so it was not loaded. {RETRAIN}"
        )
    return content


def _listed(directory, contents, entry):
    """The checked bytes of the file a card ``entry`` names; the manifest must list it."""
    if entry["file"] not in contents:
        raise ModelLoadError(f"The manifest in {directory} does not list {entry['file']}, which the card "
                             f"names, so the model was not loaded. {RETRAIN}")
    return contents[entry["file"]]


def _parse_card(directory, content):
    try:
        card = json.loads(content)
        card["artifact"]["file"], card["fast_path"], card["features"]  # noqa: B018 - presence check
        if not isinstance(card["versions"], dict):  # the version check reads it as package -> version
            raise TypeError("versions")
    except (ValueError, KeyError, TypeError):
        raise ModelLoadError(f"The model card {directory / CARD_FILE} is damaged or incomplete. "
                             f"{RETRAIN}") from None
    return card


def _load_pipeline(directory, model_bytes):
    import skops.io

    from penguin_model.pipeline_path import PipelinePath

    untrusted = set(skops.io.get_untrusted_types(data=model_bytes)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelLoadError(
            f"The model file in {directory} contains types this course does not trust "
            f"({', '.join(sorted(untrusted))}), so it was not loaded. {RETRAIN}"
        )
    return PipelinePath(skops.io.loads(model_bytes, trusted=TRUSTED_TYPES))


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


def _sha256(content):
    return hashlib.sha256(content).hexdigest()


def _write_checked(path, content):
    """Write ``content`` to ``path``; return the card entry that names it and its checksum."""
    write_atomically(path, content)
    return {"file": path.name, "sha256": _sha256(content)}


def write_atomically(path, content):
    """Write ``content`` to ``path`` in one step: a reader finds the old file or the new one, never a part.

    ``os.replace`` renames over the old file atomically on POSIX and on Windows alike.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
