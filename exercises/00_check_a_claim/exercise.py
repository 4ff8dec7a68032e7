"""Exercise 00 · Check a claim yourself (see README.md).

Fill in the gaps marked TODO, then run: make check EXERCISE=00_check_a_claim
"""

from importlib.metadata import files, requires  # noqa: F401 - you will need them

from packaging.requirements import Requirement  # noqa: F401 - reads one requirement's text

VERDICTS = ("holds", "does not hold", "out of date", "not measurable")


def required_packages(package):
    """The sorted names of the packages ``package`` needs here: no extras, no other platforms."""
    # TODO 1: read the requirements of `package`; keep a requirement only when it applies here.
    raise NotImplementedError("Exercise 1: list the packages it needs on this machine (see README.md).")


def python_file_count(package):
    """How many ``.py`` files ``package`` installed."""
    # TODO 2: count the installed files whose names end in .py.
    raise NotImplementedError("Exercise 2: count its Python files (see README.md).")


# TODO 3: once your functions work, decide. VERDICT is one of VERDICTS; EVIDENCE is your reasoning in
# at least 30 words, citing how many packages Flask and Django need and how many .py files each installs.
VERDICT = None
EVIDENCE = ""
