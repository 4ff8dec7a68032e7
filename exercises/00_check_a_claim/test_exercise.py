"""Checks for exercise 00 · Check a claim yourself. Run: make check EXERCISE=00_check_a_claim

They read the true answers from the installed packages' metadata, then compare yours with them.
"""

import re
from importlib.metadata import files, requires

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

VERDICTS = ("holds", "does not hold", "out of date", "not measurable")
FRAMEWORKS = ("flask", "django", "streamlit")


def needed_here(package):
    """The packages ``package`` requires on this machine, by their canonical names."""
    requirements = [Requirement(text) for text in requires(package) or []]
    return {canonicalize_name(requirement.name) for requirement in requirements
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""})}


def python_files(package):
    """How many ``.py`` files ``package`` installed, by its own record of them."""
    return sum(path.suffix == ".py" for path in files(package) or [])


def left_out(package):
    """The packages ``package`` names only for an extra, another platform or Python: not needed here."""
    named = {canonicalize_name(Requirement(text).name) for text in requires(package) or []}
    return named - needed_here(package)


@pytest.mark.parametrize("package", FRAMEWORKS)
def test_required_packages_are_those_needed_here(exercise, package):
    got = exercise.required_packages(package)
    assert isinstance(got, list), f"Return a list of names, not {type(got).__name__}."
    assert got == sorted(got), f"Sort the names: got {got}."
    got_names = {canonicalize_name(name) for name in got}
    expected = needed_here(package)
    wrongly_kept = sorted(got_names & left_out(package))
    assert not wrongly_kept, (
        f"{package}: {wrongly_kept} are only for an extra or another platform or Python: leave out a "
        "requirement whose marker does not hold here.")
    assert got_names == expected, (
        f"{package} needs {sorted(expected)} on this machine; you returned {got}.")


@pytest.mark.parametrize("package", FRAMEWORKS)
def test_python_files_are_counted(exercise, package):
    installed = files(package) or []
    expected = python_files(package)
    got = exercise.python_file_count(package)
    assert got == expected, (
        f"{package} installed {len(installed)} files, {expected} of them ending in .py; you counted {got}.")


def test_verdict_is_one_of_the_four(exercise):
    assert exercise.VERDICT in VERDICTS, f"VERDICT is {exercise.VERDICT!r}; choose one of {VERDICTS}."


def test_evidence_has_at_least_30_words(exercise):
    words = len(str(exercise.EVIDENCE).split())
    assert words >= 30, f"EVIDENCE has {words} words; argue your verdict in at least 30."


def test_evidence_cites_the_four_numbers(exercise):
    numbers = re.findall(r"\d+", str(exercise.EVIDENCE))
    for framework in ("flask", "django"):
        packages, file_count = len(needed_here(framework)), python_files(framework)
        assert str(packages) in numbers, (
            f"{framework} needs {packages} packages here; cite that number in EVIDENCE.")
        assert str(file_count) in numbers, (
            f"{framework} installs {file_count} .py files; cite that number in EVIDENCE.")
