"""Fixtures for the Django demo's tests (pytest-django; settings in pyproject.toml).

Every test here points the project at the session's freshly trained model, never at models/.
"""

import pytest
from rest_framework.test import APIClient

from course_helpers.servers import serving


@pytest.fixture(autouse=True)
def use_test_model(settings, model_dir):
    settings.PENGUIN_MODEL_DIR = model_dir


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture(scope="module")
def gunicorn_server(model_dir, tmp_path_factory):
    """The project under a real 3-worker gunicorn with a fresh SQLite file; yields (base URL, db path)."""
    database = tmp_path_factory.mktemp("django") / "history.sqlite3"
    environment = {"DJANGO_DB_PATH": str(database)}
    with serving("django", model_dir=model_dir, workers=3, environment=environment) as base_url:
        yield base_url, database
