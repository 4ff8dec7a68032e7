"""Fixtures for the Django demo's tests (pytest-django; settings in pyproject.toml).

Every test here points the project at the session's freshly trained model, never at models/.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from penguin_model.serving import free_port, running_server

PROJECT_DIR = Path(__file__).resolve().parents[2] / "apps" / "django_demo"


@pytest.fixture(autouse=True)
def use_test_model(settings, model_dir):
    settings.PENGUIN_MODEL_DIR = model_dir


@pytest.fixture
def api_client():
    return APIClient()


def project_environment(**overrides):
    """Environment for a child process running the project as `make serve-django` does."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return environment | {"DJANGO_SETTINGS_MODULE": "config.settings"} | overrides


def manage(*arguments, environment):
    """Run ``manage.py`` in a child process; return the completed process (output as text)."""
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=PROJECT_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


def server_environment(model_dir, database):
    return project_environment(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="test-only-" + "k" * 50, DJANGO_DB_PATH=str(database),
        PENGUIN_MODEL_DIR=str(model_dir),
    )


def gunicorn_command(port, workers=2):
    return [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--chdir", str(PROJECT_DIR), "config.wsgi:application"]


@pytest.fixture(scope="module")
def gunicorn_server(model_dir, tmp_path_factory):
    """The project under a real 3-worker gunicorn with a fresh SQLite file; yields (base URL, db path)."""
    database = tmp_path_factory.mktemp("django") / "history.sqlite3"
    environment = server_environment(model_dir, database)
    migrated = manage("migrate", "--noinput", environment=environment)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with running_server(gunicorn_command(port, workers=3), f"{base_url}/api/health", env=environment):
        yield base_url, database
