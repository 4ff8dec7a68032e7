"""Checks for exercise 00 · Check a claim yourself. Run: make check EXERCISE=00_check_a_claim

They read the true answers from the installed packages' metadata, then compare yours with them.
"""

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
    if wrongly_kept:
        pytest.fail(f"{package}: {wrongly_kept} are only for an extra or another platform or Python: "
                    "leave out a requirement whose marker does not hold here.", pytrace=False)
    not_required = sorted(got_names - expected)
    if not_required:
        pytest.fail(f"{package}: {not_required} are not among the requirements that "
                    f"importlib.metadata.requires({package!r}) lists.", pytrace=False)
    if got_names != expected:
        pytest.fail(f"{package}: you returned {got}, but some packages it needs here are missing. Keep "
                    "a requirement that has no marker, and one whose marker holds on this machine: the "
                    "packaging page \"Requirements\" shows how to ask a marker.", pytrace=False)


@pytest.mark.parametrize("package", FRAMEWORKS)
def test_python_files_are_counted(exercise, package):
    installed = files(package) or []
    expected = python_files(package)
    got = exercise.python_file_count(package)
    if got != expected:
        # Which way it is off says what went wrong, without giving the count away.
        why = ("you counted every file it installed" if got == len(installed) else
               "you counted more than the names that end in .py" if got > expected else
               "some of its files whose names end in .py are not in your count")
        pytest.fail(f"{package} installed {len(installed)} files and you counted {got}: {why}. "
                    "\"Distribution files\" in the documentation of importlib.metadata says what files() "
                    "gives you.", pytrace=False)


def test_verdict_is_one_of_the_four(exercise):
    assert exercise.VERDICT in VERDICTS, f"VERDICT is {exercise.VERDICT!r}; choose one of {VERDICTS}."


def test_evidence_has_at_least_30_words(exercise):
    words = len(str(exercise.EVIDENCE).split())
    assert words >= 30, f"EVIDENCE has {words} words; argue your verdict in at least 30."


def test_evidence_cites_the_four_numbers(exercise, cited_numbers):
    numbers = cited_numbers(exercise.EVIDENCE)
    for framework in ("flask", "django"):
        # The messages say which count is missing, never its value: that is your functions' to find.
        if str(len(needed_here(framework))) not in numbers:
            pytest.fail(f"EVIDENCE does not cite how many packages {framework} needs here: cite the "
                        f"length of what your required_packages({framework!r}) returns.", pytrace=False)
        if str(python_files(framework)) not in numbers:
            pytest.fail(f"EVIDENCE does not cite how many .py files {framework} installs: cite what your "
                        f"python_file_count({framework!r}) returns.", pytrace=False)
