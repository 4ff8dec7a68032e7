"""Fixtures for the Django demo's tests (pytest-django; settings in pyproject.toml).

Every test here points the project at the session's freshly trained model, never at models/.
"""

import pytest
from rest_framework.test import APIClient

from penguin_model.serving import free_port, running_server
from tests.django_demo.helpers import gunicorn_command, migrate, server_environment


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
    environment = server_environment(model_dir, database)
    migrate(environment)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with running_server(gunicorn_command(port, workers=3), f"{base_url}/api/health", env=environment):
        yield base_url, database
