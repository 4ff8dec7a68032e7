"""Checks for exercise 02 · Write the version guard. Run: make check EXERCISE=02_version_guard

They save your trained model again under cards altered in the ways that happen in real life (as a
colleague's training with other versions would), and ask both your guard and the course's
``load_model`` whether it may load: the two must agree.
"""

from importlib.metadata import version

import pytest

from penguin_model import ModelLoadError, load_model, save_model
from penguin_model.persistence import CARD_FILE, RETRAIN, TRACKED_PACKAGES

INSTALLED = {package: version(package) for package in TRACKED_PACKAGES}
SKLEARN, NUMPY, SKOPS = (INSTALLED[package] for package in ("scikit-learn", "numpy", "skops"))


def card_versions(change):
    """The installed versions with ``change`` applied: a value of None removes that package."""
    versions = INSTALLED | change
    return {package: value for package, value in versions.items() if value is not None}


# name -> (the card's "versions", the problems your guard should find). The first one loads.
CARDS = {
    "as trained": (card_versions({}), []),
    "an older scikit-learn": (card_versions({"scikit-learn": "1.0.2"}),
                              [f"scikit-learn: saved with 1.0.2, installed {SKLEARN}"]),
    "a post release apart": (card_versions({"numpy": NUMPY + ".post1"}),
                             [f"numpy: saved with {NUMPY}.post1, installed {NUMPY}"]),
    # Written skops first: the problems still follow TRACKED_PACKAGES' order, not the card's.
    "two packages, skops first": (dict(reversed(card_versions({"skops": "0.1.0", "scikit-learn": "0.24.2"})
                                                .items())),
                                  [f"scikit-learn: saved with 0.24.2, installed {SKLEARN}",
                                   f"skops: saved with 0.1.0, installed {SKOPS}"]),
    "skops not recorded": (card_versions({"skops": None}), [f"skops: saved with unknown, installed {SKOPS}"]),
}


def test_installed_versions_are_read_from_the_environment(exercise):
    got = exercise.installed_versions()
    assert got == INSTALLED, (
        f"The installed versions of {TRACKED_PACKAGES} are {INSTALLED}; you returned {got}.")


def test_installed_versions_say_none_for_a_missing_package(exercise, monkeypatch):
    monkeypatch.setattr(exercise, "TRACKED_PACKAGES", (*TRACKED_PACKAGES, "no-such-package-anywhere"))
    try:
        got = exercise.installed_versions()
    except Exception as problem:  # noqa: BLE001 - whichever exception escapes, the advice is the same
        pytest.fail(f"A package that is not installed made installed_versions raise {problem!r}: catch "
                    "the exception importlib.metadata raises for it, and put None in the dict.")
    assert isinstance(got, dict) and got.get("no-such-package-anywhere", "absent") is None, (
        "For a package that is not installed, put None in the dict instead of letting "
        "PackageNotFoundError escape.")


@pytest.mark.parametrize("name", list(CARDS))
def test_version_problems_are_found_and_worded(exercise, name):
    recorded, expected = CARDS[name]
    got = exercise.version_problems(recorded, INSTALLED)
    assert got == expected, f"For a card {name}: expected {expected}, got {got}."


def test_a_package_that_is_not_installed_is_a_problem(exercise):
    installed = INSTALLED | {"skops": None}
    got = exercise.version_problems(INSTALLED, installed)
    expected = [f"skops: saved with {SKOPS}, installed not installed"]
    assert got == expected, f"With skops missing from this environment, expected {expected}, got {got}."


@pytest.fixture(scope="module")
def pipeline(model):
    """Your trained pipeline itself, to save again under altered cards."""
    return load_model(fast=False).pipeline


@pytest.fixture
def saved_with(model, pipeline, tmp_path):
    """A function that saves your model into a folder of its own, with ``versions`` in its card."""
    def save(versions):
        folder = tmp_path / "model"
        save_model(pipeline, model.card | {"versions": versions}, folder)
        return folder

    return save


def course_refuses(folder):
    try:
        load_model(folder)
    except ModelLoadError:
        return True
    return False


@pytest.mark.parametrize("name", list(CARDS))
def test_refusal_agrees_with_load_model(exercise, saved_with, name):
    recorded, problems = CARDS[name]
    folder = saved_with(recorded)
    message = exercise.refusal(folder / CARD_FILE)
    refused = course_refuses(folder)
    assert (message is not None) == refused, (
        f"For a card {name}, load_model {'refuses' if refused else 'loads'} the model, but your guard "
        f"returned {message!r}: return None exactly when the versions match.")


@pytest.mark.parametrize("name", [name for name, (_, problems) in CARDS.items() if problems])
def test_refusal_names_the_card_every_problem_and_what_to_run(exercise, saved_with, name):
    recorded, problems = CARDS[name]
    path = saved_with(recorded) / CARD_FILE
    message = str(exercise.refusal(path))
    assert str(path) in message, f"Name the card's path ({path}) in the message: {message!r}."
    for problem in problems:
        assert problem in message, f"List every problem; {problem!r} is missing from {message!r}."
    assert message.endswith(RETRAIN), f"End the message with RETRAIN, the course's advice: {message!r}."


@pytest.mark.parametrize("content", ["{broken", '"just text"', '{"versions": ["1.9.1"]}', "{}"],
                         ids=["not JSON", "not an object", "versions a list", "no versions"])
def test_a_damaged_card_is_refused_without_a_crash(exercise, tmp_path, content):
    path = tmp_path / CARD_FILE
    path.write_text(content, encoding="utf-8")
    try:
        message = exercise.refusal(path)
    except Exception as problem:  # noqa: BLE001 - any exception at all is what this check is about
        pytest.fail(f"A card holding {content!r} made your guard raise {problem!r}: return a message.")
    assert message is not None, f"A card holding {content!r} cannot be trusted: refuse it."
    assert "damaged" in message and message.endswith(RETRAIN), (
        f"Say the card is damaged, and end with RETRAIN: {message!r}.")
