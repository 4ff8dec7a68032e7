"""Models as releases: folders that are never rewritten, one of them current, switched in one step.

``models/`` (or the folder PENGUIN_MODEL_DIR names) holds::

    releases/1.0.0-3f2a9c1e/   one saved model (``persistence``): pipeline, fast path, card, manifest
    releases/1.1.0-b4d07e55/   named by its version and the first digits of its card's checksum
    current.txt                the name of the release the apps serve, on one line

``publish_model`` (what `make model` runs) writes a new release into a hidden folder, loads it back,
and only then gives it its name and rewrites ``current.txt``. The pointer is a small file replaced with
``os.replace``, one step on every system, rather than a symbolic link: on Windows, making a link needs
a privilege ordinary accounts lack (or Developer Mode), and git checks links out there as plain files.
Where a link can be made it still works: ``load_model`` follows one (chapter 07 rolls a model out so).

When the current release cannot be loaded (a file damaged or edited since it was saved),
``load_current_release`` serves the newest earlier release that can be, with one warning line that
names both; only when no release can be loaded is loading refused. A new current release leaves the
``KEPT_RELEASES`` newest in place and deletes the older ones.
"""

import hashlib
import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from penguin_model.persistence import (
    CARD_FILE,
    RETRAIN,
    ModelLoadError,
    SlowPathWarning,
    load_model,
    model_directory,
    save_model,
    saved_at,
    write_atomically,
)

RELEASES_DIR = "releases"
POINTER_FILE = "current.txt"
FOLDER_MODE = 0o755  # as persistence.FILE_MODE: readable by a server running under another account
CHECKSUM_DIGITS = 8  # of the card's SHA-256 in a release's name: two trainings never share one
# Releases kept when a new one becomes current: enough to fall back on and to roll back to, without a
# folder that grows with every training (notebook 01 and `make test` train too).
KEPT_RELEASES = 5

logger = logging.getLogger(__name__)


def is_store(directory):
    """Whether ``directory`` holds releases, rather than the files of one model."""
    directory = Path(directory)
    return (directory / POINTER_FILE).is_file() or (directory / RELEASES_DIR).is_dir()


def publish_model(pipeline, card, store=None, *, make_current=True):
    """Save the model as a new release of ``store`` (default: ``model_directory()``); return its folder.

    The release is written into a hidden folder and loaded back by both prediction paths; only then is
    it given its name and, with ``make_current``, made the current release. So a model that cannot load
    never becomes one, and no earlier release is touched.
    """
    releases = Path(store or model_directory()) / RELEASES_DIR
    releases.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=releases, prefix=".incoming-"))
    try:
        save_model(pipeline, card, staging)
        _verify(staging)
        checksum = hashlib.sha256((staging / CARD_FILE).read_bytes()).hexdigest()[:CHECKSUM_DIGITS]
        release = releases / f"{card['model_version']}-{checksum}"
        os.chmod(staging, FOLDER_MODE)
        os.rename(staging, release)  # fails, changing nothing, if the name is taken
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if make_current:
        switch_release(release)
        prune_releases(releases.parent)
    return release


def prune_releases(store, keep=KEPT_RELEASES):
    """Delete the releases of ``store`` older than its ``keep`` newest, never the current one."""
    current = current_release(store)
    older = earlier_releases(store, current)
    for release in older[keep - 1:]:
        shutil.rmtree(release, ignore_errors=True)


def switch_release(release):
    """Make ``release``, a folder in a store's ``releases/``, the current one, if it loads.

    A server that reads the pointer meanwhile finds the old name or the new one, never a mix.
    """
    release = Path(release)
    if release.parent.name != RELEASES_DIR:
        raise ValueError(f"{release} is not a folder in a {RELEASES_DIR}/ folder.")
    _verify(release)
    write_atomically(release.parent.parent / POINTER_FILE, f"{release.name}\n".encode())


def current_release(store=None):
    """The folder of the current release of ``store``; a ``ModelLoadError`` if the pointer names none."""
    store = Path(store or model_directory())
    pointer = store / POINTER_FILE
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        name = ""
    release = store / RELEASES_DIR / name
    if not name or name.startswith(".") or Path(name).name != name or not release.is_dir():
        raise ModelLoadError(f"{pointer} should name the current release, a folder in "
                             f"{store / RELEASES_DIR}, but it is missing or damaged, so no model was loaded. "
                             f"{RETRAIN}")
    return release


def load_current_release(store, *, fast):
    """The model of the current release, or of the newest earlier one that loads if it does not (with one
    warning line naming both); the current release's ``ModelLoadError`` when none loads.
    """
    current = None
    try:
        current = current_release(store)
        return load_model(current, fast=fast)
    except ModelLoadError as refusal:
        for release in earlier_releases(store, current):
            try:
                model = load_model(release, fast=fast)
            except ModelLoadError:
                continue
            logger.warning("%s Serving the earlier release %s (model %s) instead.",
                           refusal, release.name, model.version)
            return model
        raise


def earlier_releases(store, current=None):
    """The releases of ``store`` saved before ``current`` (all others when it has no readable time), newest
    first. A release whose manifest cannot be read is left out: it would not load anyway.
    """
    folder = Path(store) / RELEASES_DIR
    if not folder.is_dir():
        return []
    bound = saved_at(current) if current is not None else None
    times = {release: saved_at(release) for release in folder.iterdir()
             if release.is_dir() and not release.name.startswith(".") and release != current}
    earlier = [release for release, time in times.items() if time and (bound is None or time < bound)]
    return sorted(earlier, key=times.get, reverse=True)


def _verify(folder):
    """Load the model in ``folder`` by both paths, or raise ``ModelLoadError`` saying why it cannot be."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SlowPathWarning)  # a model without a fast path is still a model
        load_model(folder, fast=True)
    load_model(folder, fast=False)
