"""Checks for exercise 06 · Settle a claim. Run: make check EXERCISE=06_settle_a_claim

They work out the true lists themselves: from a project that `startproject` writes in a scratch folder
with the installed Django, from Django's defaults and from the course's settings file. The messages say
what kind of mistake they see, not the lists: finding those is the exercise.
"""

import ast

import pytest
from django.conf import global_settings
from django.core.management import call_command

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")

# A settings file with the cases that trip a reader up; each name it holds, and the case it stands for.
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
TRICKY_CASES = {
    "DEBUG": "a plain `NAME = ...`",
    "SECRET_KEY": "an assignment with a type, `NAME: str = ...`",
    "STATIC_URL": "one statement that assigns two names, `A = B = ...`",
    "MEDIA_URL": "one statement that assigns two names, `A = B = ...`",
    "TIME_ZONE": "a plain `NAME = ...`",
    "lower_case_helper": "a lower-case name, which Django does not read as a setting",
    "INSIDE_A_FUNCTION": "a name assigned inside a function, not at the module's level",
}


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


@pytest.fixture(scope="module")
def startproject_names(tmp_path_factory):
    """The names in the settings.py of a project `startproject` writes with the installed Django."""
    folder = tmp_path_factory.mktemp("new-project")
    call_command("startproject", "mysite", str(folder))
    return assigned_at_module_level(folder / "mysite" / "settings.py")


@pytest.fixture(scope="module")
def course_additions(startproject_names):
    """What the course's settings assign beyond startproject's: Django's settings, and the others."""
    added = set(assigned_at_module_level(COURSE_SETTINGS)) - set(startproject_names)
    django_settings = {name for name in vars(global_settings) if name.isupper()}
    return {"django": sorted(added & django_settings), "other": sorted(added - django_settings)}


def mistakes_in(got):
    """What is wrong with the shape of a returned list of names, or None."""
    if not isinstance(got, list):
        return f"return a list, not {type(got).__name__}"
    if got != sorted(got):
        return "sort the list (sorted(...))"
    if len(got) != len(set(got)):
        return "a name set twice is one setting: list it once"
    return None


def test_assigned_settings_reads_only_module_level_upper_case_names(exercise, tmp_path):
    path = tmp_path / "settings.py"
    path.write_text(TRICKY_SETTINGS, encoding="utf-8")
    got = exercise.assigned_settings(path)
    assert mistakes_in(got) is None, f"For the checks' small settings file: {mistakes_in(got)}."
    problems = [f"- it misses the name of {TRICKY_CASES[name]}" for name in TRICKY_NAMES if name not in got]
    problems += [f"- it has {name!r}, {TRICKY_CASES.get(name, 'which the file does not assign')}"
                 for name in got if name not in TRICKY_NAMES]
    if problems:
        pytest.fail("Your list of the names in the checks' small settings file (TRICKY_SETTINGS, at the top "
                    "of test_exercise.py) is not right:\n" + "\n".join(problems), pytrace=False)


def test_assigned_settings_of_the_course_project(exercise):
    got = exercise.assigned_settings(COURSE_SETTINGS)
    expected = assigned_at_module_level(COURSE_SETTINGS)
    assert mistakes_in(got) is None, f"For apps/django_demo/config/settings.py: {mistakes_in(got)}."
    if got != expected:
        pytest.fail(f"For apps/django_demo/config/settings.py your list has {len(got)} names, not the "
                    "upper-case names the file assigns at module level. Make the check on the small settings "
                    "file pass first: it names the case you miss.", pytrace=False)


def test_startproject_settings_are_those_of_a_new_project(exercise, startproject_names):
    got = exercise.startproject_settings()
    assert mistakes_in(got) is None, f"startproject_settings: {mistakes_in(got)}."
    if got != startproject_names:
        extra = sorted(set(got) - set(startproject_names))
        pytest.fail(f"Your startproject_settings() gives {len(got)} names, not those of the settings.py that "
                    "`django-admin startproject` writes with the Django installed here"
                    + (f" (it has none of {extra})" if extra else "")
                    + ". README.md, step 2, says where to find that file.", pytrace=False)


def test_added_by_the_course_splits_django_settings_from_the_others(exercise, startproject_names,
                                                                      course_additions):
    got = exercise.added_by_the_course()
    assert isinstance(got, dict) and set(got) == {"django", "other"}, (
        f"Return a dict with the keys 'django' and 'other', not {got!r}.")
    course, defaults = set(assigned_at_module_level(COURSE_SETTINGS)), set(vars(global_settings))
    for key in ("django", "other"):
        names = got[key]
        assert mistakes_in(names) is None, f"added_by_the_course()[{key!r}]: {mistakes_in(names)}."
        kinds = {
            "are in startproject's settings too": [name for name in names if name in startproject_names],
            "are not assigned in the course's settings": [name for name in names if name not in course],
            f"{'have no' if key == 'django' else 'have a'} default in global_settings": [
                name for name in names if (name in defaults) != (key == "django")],
        }
        problems = [f"these {kind}: {found}" for kind, found in kinds.items() if found]
        if not problems and names != course_additions[key]:
            problems = ["some names the course added, and that belong here, are missing"]
        if problems:
            pytest.fail(f"added_by_the_course()[{key!r}]: " + "; ".join(problems) + ".", pytrace=False)


def test_verdict_is_one_of_the_four(exercise):
    assert exercise.VERDICT in VERDICTS, f"VERDICT is {exercise.VERDICT!r}; choose one of {VERDICTS}."


def test_argument_has_at_least_40_words(exercise):
    words = len(str(exercise.ARGUMENT).split())
    assert words >= 40, f"ARGUMENT has {words} words; argue your verdict in at least 40."


def test_argument_cites_the_two_counts(exercise, startproject_names, course_additions, cited_numbers):
    numbers = cited_numbers(exercise.ARGUMENT)
    # The messages say which count is missing, never its value: that is your functions' to find.
    if str(len(startproject_names)) not in numbers:
        pytest.fail("ARGUMENT does not cite how many names startproject writes into a new project's "
                    "settings: cite the length of what your startproject_settings() returns.", pytrace=False)
    if str(len(course_additions["django"])) not in numbers:
        pytest.fail("ARGUMENT does not cite how many of Django's settings the course's project added to "
                    "startproject's: cite the length of your added_by_the_course()['django'].", pytrace=False)
