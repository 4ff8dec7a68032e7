"""A wrong answer to exercise 06 · Settle a claim: the argument cites the counts chapter 06 prints
(Django's default settings against Flask's), not the ones this exercise measures.

Its functions are right; its argument could have been written without them.
"""

import ast
from pathlib import Path

import django
import flask
from django.conf import global_settings

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_argument_cites_the_two_counts", "does not cite how many names startproject writes")


def assigned_settings(path):
    """The upper-case names that a settings file assigns at module level, sorted."""
    module = ast.parse(Path(path).read_text(encoding="utf-8"))
    targets = []
    for statement in module.body:  # the top level only: not inside functions or classes
        if isinstance(statement, ast.Assign):
            targets.extend(statement.targets)
        elif isinstance(statement, ast.AnnAssign):
            targets.append(statement.target)
    return sorted({target.id for target in targets if isinstance(target, ast.Name) and target.id.isupper()})


def startproject_settings():
    """The upper-case names in the settings.py that `django-admin startproject` writes, sorted."""
    # With no --template, startproject copies Django's own project template (handle_template in
    # django/core/management/templates.py). Its "-tpl" files get the project's name and a new secret key
    # filled in, which changes no name a statement assigns, so the template can be read as it is.
    template = Path(django.__file__).parent / "conf" / "project_template" / "project_name" / "settings.py-tpl"
    return assigned_settings(template)


def added_by_the_course(path=COURSE_SETTINGS):
    """The names the course's settings assign beyond startproject's: Django's settings, and the others."""
    added = set(assigned_settings(path)) - set(startproject_settings())
    django_settings = {name for name in dir(global_settings) if name.isupper()}
    return {"django": sorted(added & django_settings), "other": sorted(added - django_settings)}


_defaults = [name for name in dir(global_settings) if name.isupper()]

VERDICT = "holds"
ARGUMENT = (  # wrong: the chapter's two counts, and nothing this exercise measured
    f"Django has {len(_defaults)} settings with a default and Flask only {len(flask.Flask.default_config)}, "
    "so there is far more to understand in Django's configuration: every one of those settings is "
    "something a developer may have to look up, set or debug, and most of them interact with the "
    "features Django ships. The paper is right that this makes its configuration hard to understand."
)
