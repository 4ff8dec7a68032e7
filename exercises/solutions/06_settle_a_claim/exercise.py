"""Exercise 06 · Settle a claim the chapter leaves "not measurable" — a worked solution."""

import ast
from pathlib import Path

import django
from django.conf import global_settings

from penguin_model.data import REPO_ROOT

COURSE_SETTINGS = REPO_ROOT / "apps" / "django_demo" / "config" / "settings.py"
VERDICTS = ("holds", "does not hold", "out of date", "not measurable")


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


# The counts are computed, not typed, so the argument stays true when Django or the course's settings change.
_defaults = [name for name in dir(global_settings) if name.isupper()]
_startproject, _added = startproject_settings(), added_by_the_course()

VERDICT = "does not hold"
ARGUMENT = (
    f"The premise holds: Django has {len(_defaults)} settings with a default, because it ships an ORM, an "
    f"admin, sessions, CSRF protection and more. The conclusion does not follow. startproject writes "
    f"{len(_startproject)} names into a new project's settings, many with a comment and a link to "
    "their documentation, and the course's project, which uses the admin, a database, a REST API and a "
    f"production server, added only {len(_added['django'])} of Django's own settings to them "
    f"({', '.join(_added['django'])}). It added {len(_added['other'])} more names "
    f"({', '.join(_added['other'])}) that belong to other packages or to the course itself: that part of the "
    "configuration comes with what a project chooses, in any framework. A count cannot measure "
    "understanding, so this does not prove the configuration is easy; it shows that a developer has to "
    "understand a small part of it to ship, which is not what the paper claims."
)
