"""Fixtures for the Django demo's tests (pytest-django; settings in pyproject.toml).

Every test here points the project at the session's freshly trained model, never at models/.
Tests that start the project in another process (a server, manage.py) take ``database``: they
run once on a SQLite file and once on the session's PostgreSQL server.
"""

import secrets

import pytest
from rest_framework.test import APIClient

from course_helpers.postgres import create_database
from course_helpers.servers import serving


@pytest.fixture(autouse=True)
def use_test_model(settings, model_dir):
    settings.PENGUIN_MODEL_DIR = model_dir


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory):
    """The environment that points the project at a new, empty database: a SQLite file, or PostgreSQL."""
    if request.param == "sqlite":
        return {"DJANGO_DB_PATH": str(tmp_path_factory.mktemp("django") / "history.sqlite3")}
    return {"DJANGO_DATABASE_URL": create_database(request.getfixturevalue("postgres_url"),
                                                   f"history_{secrets.token_hex(4)}")}


@pytest.fixture(scope="module")
def gunicorn_server(model_dir, database):
    """The project under a real 3-worker gunicorn on ``database``; yields (base URL, database)."""
    with serving("django", model_dir=model_dir, workers=3, environment=database) as base_url:
        yield base_url, database
