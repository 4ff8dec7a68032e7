"""Checks for exercise 05 · A migration on existing data. Run: make check EXERCISE=05_django_migration

Each check copies the exercise's small project into a temporary folder (your ``exercise.py`` and your
migration files, with ``manage.py`` and the ``history`` app from this folder) and runs Django there in
a fresh process, as ``manage.py`` does. Your own ``history.sqlite3`` is never touched.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent  # manage.py, the history app, its first migration, the stored rows
PROJECT_FILES = ["manage.py", "before_the_form.json", "history/__init__.py", "history/models.py",
                 "history/migrations/__init__.py", "history/migrations/0001_initial.py"]
OLD_COLUMNS = ["id", "island", "body_mass_g", "species", "model_version"]

FIELD = """
from django.core.exceptions import FieldDoesNotExist
from history.models import Prediction
try:
    field = Prediction._meta.get_field("source")
except FieldDoesNotExist:
    print(json.dumps(None))
else:
    print(json.dumps({"type": field.get_internal_type(), "null": field.null,
                      "choices": [value for value, _ in field.choices or []]}))
"""
# What the migration files add up to, read without any database (as makemigrations reads them).
RECORDED_STATE = """
from django.db.migrations.loader import MigrationLoader
loader = MigrationLoader(None)
state = loader.project_state()
print(json.dumps({"files": sorted(name for app, name in loader.disk_migrations if app == "history"),
                  "leaves": [name for _, name in loader.graph.leaf_nodes("history")],
                  "fields": list(state.models["history", "prediction"].fields)}))
"""
# The project as it was when the rows were stored: only 0001, and rows written through the ORM with the
# model as 0001 describes it (the historical model a data migration also uses).
STORE_ROWS_BEFORE = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
call_command("migrate", "history", "0001", verbosity=0)
first = MigrationLoader(connection).project_state(("history", "0001_initial"))
Old = first.apps.get_model("history", "Prediction")
for row in json.loads(open("before_the_form.json", encoding="utf-8").read()):
    Old.objects.create(pk=row["pk"], **row["fields"])
print(json.dumps(list(Old.objects.order_by("id").values()), default=str))
"""
MIGRATE_AND_READ = """
from django.core.management import call_command
from history.models import Prediction
call_command("migrate", verbosity=0)
print(json.dumps(list(Prediction.objects.order_by("id").values()), default=str))
"""
ANSWER = """
import exercise
print(json.dumps(exercise.WHAT_MAKEMIGRATIONS_COMPARES))
"""


@pytest.fixture
def project(exercise_dir, tmp_path):
    """A throwaway copy of the project: this folder's files, then the checked exercise.py and migrations."""
    for name in PROJECT_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, tmp_path / name)
    shutil.copy(exercise_dir / "exercise.py", tmp_path / "exercise.py")
    for migration in (exercise_dir / "history" / "migrations").glob("[0-9]*.py"):
        shutil.copy(migration, tmp_path / "history" / "migrations" / migration.name)
    return tmp_path


def environment(database):
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    return inherited | {"EXERCISE_DATABASE": str(database)}


def in_django(project, code, database, what, hint=""):
    """Run ``code`` in the project's Django, in a fresh process; return the JSON it printed last."""
    script = "import json\nimport django\nimport manage\nmanage.configure()\ndjango.setup()\n" + code
    done = subprocess.run([sys.executable, "-c", script], cwd=project, env=environment(database),
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        last_line = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        pytest.fail(f"{what} failed: {last_line}{hint}", pytrace=False)
    return json.loads(done.stdout.strip().splitlines()[-1])


def manage(project, database, *arguments):
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=project, env=environment(database),
                          capture_output=True, text=True, timeout=120)


def test_the_model_has_a_source_field(project):
    field = in_django(project, FIELD, project / "empty.sqlite3", "Loading your model")
    assert field is not None, "Prediction has no field `source` yet: add it in exercise.py (TODO 1)."
    assert field["type"] == "CharField", f"`source` should be a CharField (text), not a {field['type']}."
    assert field["choices"] == ["api", "form"], (
        f"`source` should have the choices 'api' (JSON API) and 'form' (Web form), got {field['choices']}.")
    assert not field["null"], (
        "`source` should not allow NULL: every row came from somewhere, and the old rows' source is known.")


def test_a_migration_adds_it_and_makemigrations_has_nothing_left_to_write(project):
    state = in_django(project, RECORDED_STATE, project / "empty.sqlite3", "Reading your migration files")
    assert "source" in state["fields"], (
        f"No migration file adds `source` (the files are {state['files']}). Run `python "
        "exercises/05_django_migration/manage.py makemigrations` (TODO 2) after changing the model.")
    assert len(state["leaves"]) == 1, (
        f"The migrations branch into {state['leaves']}: keep one chain, each file depending on the last.")
    # An empty database, so that your own history.sqlite3 plays no part in what this check sees.
    left = manage(project, project / "empty.sqlite3", "makemigrations", "--check", "--dry-run")
    nothing_left_to_write = left.returncode == 0
    assert nothing_left_to_write, (
        "makemigrations would still write a migration:\n"
        f"{left.stdout.strip()}\nRun makemigrations again instead of editing the file by hand.")


def test_rows_stored_before_the_migration_are_kept_and_say_api(project):
    live = project / "live.sqlite3"
    before = in_django(project, STORE_ROWS_BEFORE, live, "Storing the rows with the first migration only")
    throwaway = project / "copy-of-live.sqlite3"
    shutil.copy(live, throwaway)  # migrate a copy, as you would rehearse on a copy of a real database
    after = in_django(project, MIGRATE_AND_READ, throwaway, "`migrate`, then reading the rows",
                      hint="\nmigrate creates only what the migration files describe: is there one for every "
                           "field of your model?")
    assert len(after) == len(before), f"{len(before)} rows were stored before migrating, {len(after)} after."
    kept = [{column: row[column] for column in OLD_COLUMNS} for row in after]
    assert kept == [{column: row[column] for column in OLD_COLUMNS} for row in before], (
        "The rows should come through the migration unchanged.")
    sources = {row.get("source", "(no such column)") for row in after}
    assert sources == {"api"}, (
        f"After the migration, the rows stored before the form existed have the source "
        f"{sorted(map(str, sources))}. Which value is true for them (README.md, \"The setting\"), and where "
        "does a migration get the value it gives rows that already exist?")


WRONG_ANSWERS = {
    "A": "Not that one: the second check runs makemigrations against a database with no tables at all, "
         "and it writes the same file (try it: delete history.sqlite3 and run makemigrations again).",
    "C": "Not that one: that is what `migrate` does (and `showmigrations` shows), to decide what to run.",
}


def test_what_makemigrations_compares(project):
    answer = in_django(project, ANSWER, project / "empty.sqlite3", "Reading WHAT_MAKEMIGRATIONS_COMPARES")
    assert answer in {"A", "B", "C"}, (
        f"Set WHAT_MAKEMIGRATIONS_COMPARES to the letter of one answer in README.md, not {answer!r}.")
    assert answer not in WRONG_ANSWERS, (
        f"{WRONG_ANSWERS[answer]} Reread the chapter 05 section 'Stored history: a model and a migration'.")
