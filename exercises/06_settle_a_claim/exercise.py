"""Exercise 06 · Settle a claim the chapter leaves "not measurable" (see README.md).

Fill in the gaps marked TODO, then run: make check EXERCISE=06_settle_a_claim
"""

import ast  # noqa: F401 - one way to read settings.py without running it

import flask  # noqa: F401 - you will need it
from django.conf import global_settings  # noqa: F401 - Django's defaults, a plain module

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")


def django_default_settings():
    """The names of the settings Django defines by default, sorted."""
    # TODO 1: a setting is an upper-case name in global_settings; dir() lists a module's names.
    raise NotImplementedError("Exercise 1: list Django's default settings (see README.md).")


def flask_default_settings():
    """The names of the settings Flask defines by default, sorted."""
    # TODO 2: Flask keeps its defaults in a dict on the Flask class (see README.md).
    raise NotImplementedError("Exercise 2: list Flask's default settings (see README.md).")


def course_django_settings(path=COURSE_SETTINGS):
    """The upper-case names that a settings file assigns at module level, sorted."""
    # TODO 3: do not import the file (that needs Django set up): parse its text with ast.parse and
    # look at the statements of the module's body. Mind both `NAME = ...` and `NAME: type = ...`,
    # and that one statement can assign several names (`A = B = 1`).
    raise NotImplementedError("Exercise 3: read the names the course's settings.py assigns (see README.md).")


# TODO 4: once your functions work, decide. VERDICT is one of VERDICTS; ARGUMENT is your reasoning in
# at least 40 words, citing the numbers of Django's and Flask's defaults your functions return.
VERDICT = None
ARGUMENT = ""
