"""Checks for exercise 06 · Settle a claim. Run: make check EXERCISE=06_settle_a_claim

They work out the true lists from the installed Django and Flask and from the course's settings file,
then compare them with what your functions return.
"""

import ast
import re

import flask
from django.conf import global_settings

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")

# A settings file with the cases that trip a reader up, and the names it assigns at module level.
TRICKY_SETTINGS = '''
import os
DEBUG = True
SECRET_KEY: str = os.environ.get("KEY", "x")
STATIC_URL = MEDIA_URL = "/files/"
lower_case_helper = 1
TIME_ZONE = "UTC"
TIME_ZONE = "Europe/Paris"


def configure():
    INSIDE_A_FUNCTION = 1
    return INSIDE_A_FUNCTION
'''
TRICKY_NAMES = ["DEBUG", "MEDIA_URL", "SECRET_KEY", "STATIC_URL", "TIME_ZONE"]


def differences(got, expected):
    """What a student needs to see when two lists of names differ."""
    if not isinstance(got, list):
        return f"return a list, not {type(got).__name__}"
    if got != sorted(got):
        return "sort the list (sorted(...))"
    missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
    duplicates = len(got) != len(set(got))
    return f"missing {missing}, not expected {extra}" + (", and some names twice" if duplicates else "")


def assigned_at_module_level(path):
    """The upper-case names a file assigns in its top-level statements, sorted."""
    names = set()
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        else:
            continue
        names.update(target.id for target in targets if isinstance(target, ast.Name) and target.id.isupper())
    return sorted(names)


def test_django_default_settings_are_the_upper_case_names_of_global_settings(exercise):
    expected = sorted(name for name in vars(global_settings) if name.isupper())
    got = exercise.django_default_settings()
    assert got == expected, (
        f"Expected the {len(expected)} upper-case names of global_settings: {differences(got, expected)}.")


def test_flask_default_settings_are_the_keys_of_default_config(exercise):
    expected = sorted(flask.Flask.default_config.keys())
    got = exercise.flask_default_settings()
    assert got == expected, (
        f"Expected the {len(expected)} keys of Flask.default_config: {differences(got, expected)}.")


def test_course_django_settings_are_the_names_settings_py_assigns(exercise):
    expected = assigned_at_module_level(COURSE_SETTINGS)
    got = exercise.course_django_settings()
    assert got == expected, (
        f"Expected the {len(expected)} upper-case names apps/django_demo/config/settings.py assigns: "
        f"{differences(got, expected)}.")


def test_course_django_settings_reads_only_module_level_upper_case_names(exercise, tmp_path):
    path = tmp_path / "settings.py"
    path.write_text(TRICKY_SETTINGS, encoding="utf-8")
    got = exercise.course_django_settings(path)
    assert got == TRICKY_NAMES, (
        f"For a file with `A = B = ...`, `NAME: str = ...`, a name set twice, a lower-case name and a "
        f"function, expected {TRICKY_NAMES}: {differences(got, TRICKY_NAMES)}.")


def test_verdict_is_one_of_the_four(exercise):
    assert exercise.VERDICT in VERDICTS, f"VERDICT is {exercise.VERDICT!r}; choose one of {VERDICTS}."


def test_argument_has_at_least_40_words(exercise):
    words = len(str(exercise.ARGUMENT).split())
    assert words >= 40, f"ARGUMENT has {words} words; argue your verdict in at least 40."


def test_argument_mentions_both_default_counts(exercise):
    counts = {"Django": len(exercise.django_default_settings()),
              "Flask": len(exercise.flask_default_settings())}
    numbers = re.findall(r"\d+", str(exercise.ARGUMENT))
    for framework, count in counts.items():
        assert str(count) in numbers, (
            f"Your functions count {count} default settings for {framework}; cite that number in ARGUMENT.")
