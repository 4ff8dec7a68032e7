"""The tests that use Django's test client run on the database the settings chose from the environment.

They run on SQLite in ``make test``, and again on PostgreSQL in a child run (test_on_postgresql.py):
this test is how that run proves it really was PostgreSQL.
"""

import os
from urllib.parse import urlsplit

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_tests_run_on_the_database_the_environment_names():
    """With DJANGO_DATABASE_URL, pytest-django's test copy of that database (test_<name>); else SQLite."""
    url = os.environ.get("DJANGO_DATABASE_URL")
    if url:
        assert connection.vendor == "postgresql"
        assert connection.settings_dict["NAME"] == f"test_{urlsplit(url).path.lstrip('/')}"
    else:
        assert connection.vendor == "sqlite"
