"""Exercise 06 · Settle a claim the chapter leaves "not measurable" — a worked solution."""

import ast

import flask
from django.conf import global_settings

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")


def django_default_settings():
    """The names of the settings Django defines by default, sorted."""
    return sorted(name for name in dir(global_settings) if name.isupper())


def flask_default_settings():
    """The names of the settings Flask defines by default, sorted."""
    return sorted(flask.Flask.default_config)


def course_django_settings(path=COURSE_SETTINGS):
    """The upper-case names that a settings file assigns at module level, sorted."""
    module = ast.parse(path.read_text(encoding="utf-8"))
    targets = []
    for statement in module.body:  # the top level only: not inside functions or classes
        if isinstance(statement, ast.Assign):
            targets.extend(statement.targets)
        elif isinstance(statement, ast.AnnAssign):
            targets.append(statement.target)
    return sorted({target.id for target in targets if isinstance(target, ast.Name) and target.id.isupper()})


# The counts are computed, not typed, so the argument stays true when Django or Flask change their defaults.
_django, _flask, _course = django_default_settings(), flask_default_settings(), course_django_settings()
_overridden = set(_course) & set(_django)

VERDICT = "does not hold"
ARGUMENT = (
    f"The premise holds: Django defines {len(_django)} settings by default and Flask {len(_flask)}, about "
    f"{len(_django) / len(_flask):.0f} times as many, because Django ships an ORM, an admin, sessions, CSRF "
    "protection and more. The conclusion does not follow. The course's project uses the admin, a database, "
    f"a REST API and a deployment checklist, yet it sets {len(_course)} names, and only {len(_overridden)} "
    f"of them are among Django's defaults: the other {len(_django) - len(_overridden)} defaults were left "
    "as they are. Most of those lines come from django-admin startproject, with comments, and the deployment "
    "checklist names the ones that matter for safety. A count cannot measure understanding, so this does "
    "not prove the configuration is easy; it shows that a developer has to understand a small part of it "
    "to ship, which is not what the paper claims."
)
