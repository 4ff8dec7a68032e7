"""Exercise 02 · Write the version guard (see README.md).

Fill in the gaps marked TODO, then run: make check EXERCISE=02_version_guard
"""

import json  # noqa: F401 - you will need it
from importlib.metadata import PackageNotFoundError, version  # noqa: F401 - you will need them

from penguin_model.persistence import RETRAIN, TRACKED_PACKAGES  # noqa: F401 - the course's one source


def installed_versions():
    """``{package: installed version or None}`` for every package in TRACKED_PACKAGES."""
    # TODO 1: ask importlib.metadata for each tracked package's version; None when it is not installed.
    raise NotImplementedError("Exercise 1: read the installed versions (see README.md).")


def version_problems(recorded, installed):
    """One "package: saved with X, installed Y" per tracked package whose versions differ, in order."""
    # TODO 2: walk TRACKED_PACKAGES in order; "unknown" and "not installed" stand in for missing ones.
    raise NotImplementedError("Exercise 2: compare the versions (see README.md).")


def refusal(card_path):
    """None if the card's versions match this environment; otherwise why not, and what to do."""
    # TODO 3: read the card; a damaged one is refused too; never raise. End every refusal with RETRAIN.
    raise NotImplementedError("Exercise 3: decide whether the model may load (see README.md).")
