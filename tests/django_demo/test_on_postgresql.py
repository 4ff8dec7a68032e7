"""Django's tests again, on a real PostgreSQL server: the project behaves the same on both databases.

The tests that use Django's test client run in this process on SQLite (pytest-django sets up one
database per session), so here they run again in a child pytest with DJANGO_DATABASE_URL naming the
session's PostgreSQL server, where pytest-django creates its test database, ``test_<name>``. The tests
that start the project in other processes (a server, manage.py) choose their database themselves and
already run on both in this session, so the child leaves them out; and this file, which would start
itself again.
"""

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from penguin_model.data import REPO_ROOT
from tests.support.child_sessions import HANDED_MODEL_DIR
from tests.support.django_project import project_environment

HERE = Path(__file__).parent
ON_BOTH_DATABASES_ALREADY = ["test_server.py", "test_settings.py"]
# The child needs pytest-django only. The other plugins (nbval, schemathesis, ...) take seconds to import,
# and addopts holds nbval's options, so both are replaced; the rest of pyproject.toml's settings apply.
ONLY_PYTEST_DJANGO = ["-p", "pytest_django.plugin", "-o", "addopts=--strict-markers"]


def test_djangos_tests_pass_on_postgresql(postgres_url, model_dir, tmp_path):
    """Every test-client test of tests/django_demo passes on PostgreSQL, none skipped."""
    report = tmp_path / "report.xml"
    left_out = [f"--ignore={HERE / name}" for name in [*ON_BOTH_DATABASES_ALREADY, Path(__file__).name]]
    command = [sys.executable, "-m", "pytest", str(HERE), *left_out, *ONLY_PYTEST_DJANGO,
               "-p", "no:cacheprovider", "-q", f"--junitxml={report}"]
    environment = project_environment(DJANGO_DATABASE_URL=postgres_url, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
                                      **{HANDED_MODEL_DIR: str(model_dir)})
    done = subprocess.run(command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    suite = ElementTree.parse(report).getroot().find("testsuite")
    counts = {name: int(suite.get(name)) for name in ("tests", "failures", "errors", "skipped")}
    assert counts["tests"] > 0 and counts["failures"] == counts["errors"] == counts["skipped"] == 0, counts
    ran = {case.get("name") for case in suite.iter("testcase")}
    assert "test_the_tests_run_on_the_database_the_environment_names" in ran, "the database check ran"
