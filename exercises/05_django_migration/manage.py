"""Django's command line for this exercise's small project: ``manage.py makemigrations``, ``migrate``...

The project is one app, ``history``, whose model is yours: ``history/models.py`` imports it from
``exercise.py``. The database is ``history.sqlite3`` beside this file (git-ignored), or the file named
by the environment variable EXERCISE_DATABASE (the checks use a throwaway one).
"""

import os
import sys
from pathlib import Path

from django.conf import settings

HERE = Path(__file__).resolve().parent


def configure():
    """Settings for the exercise: only what makemigrations and migrate need."""
    sys.path.insert(0, str(HERE))
    settings.configure(
        INSTALLED_APPS=["history"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                               "NAME": os.environ.get("EXERCISE_DATABASE", HERE / "history.sqlite3")}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
        SECRET_KEY="exercise-only-not-a-secret",
    )


if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    configure()
    execute_from_command_line(sys.argv)
