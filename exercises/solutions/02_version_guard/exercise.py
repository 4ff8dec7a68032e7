"""Exercise 02 · Write the version guard — a worked solution.

Why: a scikit-learn file stores the inside of fitted objects, and their layout may change in any
release, a small one included; an object loaded into another version can fail later, or worse, answer
slightly differently without a word. Only exact versions are known to be safe, so the guard compares
them exactly and says what to run. It guards against accidents, not attackers: whoever can change the
model file can change the versions written in its card too (skops' trusted types are the defence there).
A guard that crashes on a damaged card would be a new failure, so every problem becomes a message.
"""

import json
from importlib.metadata import PackageNotFoundError, version

from penguin_model.persistence import RETRAIN, TRACKED_PACKAGES


def installed_versions():
    """``{package: installed version or None}`` for every package in TRACKED_PACKAGES."""
    versions = {}
    for package in TRACKED_PACKAGES:
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return versions


def version_problems(recorded, installed):
    """One "package: saved with X, installed Y" per tracked package whose versions differ, in order."""
    problems = []
    for package in TRACKED_PACKAGES:
        saved, present = recorded.get(package), installed.get(package)
        if saved != present:
            saved, present = saved or "unknown", present or "not installed"
            problems.append(f"{package}: saved with {saved}, installed {present}")
    return problems


def refusal(card_path):
    """None if the card's versions match this environment; otherwise why not, and what to do."""
    try:
        recorded = json.loads(card_path.read_text(encoding="utf-8"))["versions"]
    except (OSError, ValueError, KeyError, TypeError):
        recorded = None  # unreadable, not JSON, not an object, or no "versions" in it
    if not isinstance(recorded, dict):
        return f"The model card {card_path} is damaged: it has no readable versions. {RETRAIN}"
    problems = version_problems(recorded, installed_versions())
    if not problems:
        return None
    return f"The model card {card_path} was saved under other versions: {'; '.join(problems)}. {RETRAIN}"
