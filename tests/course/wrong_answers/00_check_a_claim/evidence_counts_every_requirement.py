"""A wrong answer to exercise 00 · Check a claim: the evidence counts every requirement Flask and Django
list, the extras' and other platforms' too, so it cites numbers that are not what each needs here.

Its functions are right; only the numbers in EVIDENCE are not theirs. The check says which count is
missing, and must not say what it is.
"""

from importlib.metadata import files, requires

from packaging.requirements import Requirement

VERDICTS = ("holds", "does not hold", "out of date", "not measurable")

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_evidence_cites_the_four_numbers", "does not cite how many packages flask needs here")


def required_packages(package):
    """The sorted names of the packages ``package`` needs here: no extras, no other platforms."""
    needed = set()
    for text in requires(package) or []:
        requirement = Requirement(text)
        # With no extra asked for, `extra == "dotenv"` is false; platform and Python markers are
        # evaluated against this machine, so a Windows-only requirement drops out on Linux.
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.add(requirement.name)
    return sorted(needed)


def python_file_count(package):
    """How many ``.py`` files ``package`` installed."""
    return sum(path.suffix == ".py" for path in files(package) or [])


# The numbers are computed, not typed, so the evidence stays true when Flask or Django change.
_flask_needs, _django_needs = requires("flask"), requires("django")  # wrong: extras and platforms too
_flask_files, _django_files = python_file_count("flask"), python_file_count("django")

VERDICT = "does not hold"
EVIDENCE = (
    f"Flask needs {len(_flask_needs)} other packages ({', '.join(_flask_needs)}) and Django only "
    f"{len(_django_needs)} ({', '.join(_django_needs)}), so Flask is not the one with fewer dependencies. "
    f"Yet Flask installs {_flask_files} Python files and Django {_django_files}. What makes Flask small is "
    "how little it does itself: it hands requests to Werkzeug and templates to Jinja, and leaves a "
    "database, forms and an admin to you. A micro-framework has a small core, not few dependencies."
)
