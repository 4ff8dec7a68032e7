"""Run the Django project as its commands do: ``manage.py`` and gunicorn in child processes.

Shared by these tests and the contract suite's Django targets (tests/contract/targets_django.py).
"""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2] / "apps" / "django_demo"
TEST_SECRET_KEY = "test-only-secret-key-" + "x7Qm2" * 10  # long and varied enough for check --deploy


def project_environment(**overrides):
    """This process's environment without any DJANGO_* variable, plus ``overrides``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return environment | {"DJANGO_SETTINGS_MODULE": "config.settings"} | overrides


def server_environment(model_dir, database):
    """What `make serve-django` sets: debug pages off, a real secret key; plus test paths."""
    return project_environment(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=TEST_SECRET_KEY,
                               DJANGO_DB_PATH=str(database), PENGUIN_MODEL_DIR=str(model_dir))


def manage(*arguments, environment):
    """Run ``manage.py`` in a child process; return the completed process (output as text)."""
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=PROJECT_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


def migrate(environment):
    """Create or update the SQLite database named in ``environment``; fail loudly if it cannot."""
    result = manage("migrate", "--noinput", environment=environment)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py migrate failed:\n{result.stdout}\n{result.stderr}")


def gunicorn_command(port, workers=2):
    """The command `make serve-django` runs, on 127.0.0.1:``port``."""
    return [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--no-control-socket", "--chdir", str(PROJECT_DIR), "config.wsgi:application"]
