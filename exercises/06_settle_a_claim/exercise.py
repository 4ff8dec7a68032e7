"""Exercise 06 · Settle a claim the chapter leaves "not measurable" (see README.md).

Fill in the gaps marked TODO, then run: make check EXERCISE=06_settle_a_claim
"""

import ast  # noqa: F401 - one way to read a settings file without running it
from pathlib import Path  # noqa: F401 - you will need it

import django  # noqa: F401 - the installed Django: a package of files you can read
from django.conf import global_settings  # noqa: F401 - Django's defaults, a plain module

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")


def assigned_settings(path):
    """The upper-case names that a settings file assigns at module level, sorted."""
    # TODO 1: do not import the file (that needs Django set up): parse its text with ast.parse and
    # look at the statements of the module's body. Mind both `NAME = ...` and `NAME: type = ...`,
    # and that one statement can assign several names (`A = B = 1`).
    raise NotImplementedError("Exercise 1: read the names a settings file assigns (see README.md).")


def startproject_settings():
    """The upper-case names in the settings.py that `django-admin startproject` writes, sorted."""
    # TODO 2: find that settings.py (README.md, step 2 says where to look), then read it with step 1.
    raise NotImplementedError("Exercise 2: read the settings startproject writes (see README.md).")


def added_by_the_course(path=COURSE_SETTINGS):
    """The names the course's settings assign beyond startproject's: Django's settings, and the others."""
    # TODO 3: {"django": [...], "other": [...]}, each sorted (README.md, step 3).
    raise NotImplementedError("Exercise 3: what the course added to startproject's settings (see README.md).")


# TODO 4: once your functions work, decide. VERDICT is one of VERDICTS; ARGUMENT is your reasoning in
# at least 40 words, citing the counts README.md, step 4, asks for.
VERDICT = None
ARGUMENT = ""
