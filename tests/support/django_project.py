"""The Django project for tests: ``manage.py`` in a child process, and a throwaway test database."""

import contextlib
import os
import subprocess
import sys

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from course_helpers.servers import DJANGO_PROJECT_DIR

TEST_SECRET_KEY = "test-only-secret-key-" + "x7Qm2" * 10  # long and varied enough for check --deploy


def project_environment(**overrides):
    """This process's environment without any DJANGO_* variable, plus ``overrides``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return environment | {"DJANGO_SETTINGS_MODULE": "config.settings"} | overrides


def manage(*arguments, environment):
    """Run ``manage.py`` in a child process; return the completed process (output as text)."""
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=DJANGO_PROJECT_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


@contextlib.contextmanager
def database_access():
    """Unblock pytest-django's database guard for the ``with`` block (no-op if it is not active)."""
    blocker = getattr(BaseDatabaseWrapper.ensure_connection, "__self__", None)
    with blocker.unblock() if hasattr(blocker, "unblock") else contextlib.nullcontext():
        yield


@contextlib.contextmanager
def throwaway_test_database():
    """A migrated test database; every write made inside the block is rolled back."""
    created_here = not connection.is_in_memory_db()  # the test settings use SQLite in memory
    if created_here:
        original_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        if created_here:
            connection.creation.destroy_test_db(original_name, verbosity=0)
