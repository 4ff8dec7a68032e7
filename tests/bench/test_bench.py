"""The benchmarks run in quick mode and report every server, and no request fails under load.

What they measure varies with the machine and is never asserted; that every figure is there, and
that the servers answered every request, is.
"""

import csv
import os
import subprocess
import sys
import textwrap

import pytest

from bench.database import DATABASES, sqlite_url
from bench.load import NO_WRK, put_under_load, wrk_available
from bench.plots import serving_ratios
from bench.serving import SERVERS
from bench.size import FOLDERS, code_lines
from course_helpers.servers import serving
from penguin_model.data import REPO_ROOT
from tests.support.needs import require_postgres, skip_on_windows_else_require


def run_bench(what, model_dir, results):
    """``python -m bench <what>`` as a person runs it; return the rows of its CSV file."""
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    done = subprocess.run([sys.executable, "-m", "bench", what, "--results", str(results)], cwd=REPO_ROOT,
                          env=environment, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"\n{what}\n" in done.stdout, "the table is printed under its name"
    with (results / f"{what}.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.fixture
def needs_wrk():
    skip_on_windows_else_require(None if wrk_available() else NO_WRK)


def test_prediction_times_both_paths(model_dir, tmp_path):
    rows = run_bench("prediction", model_dir, tmp_path)
    assert [row["what"] for row in rows] == [
        "validate 1 penguin", "fast path, 1 penguin", "pipeline, 1 penguin", "fast path, 1000 penguins",
        "pipeline, 1000 penguins"]
    assert all(0 < float(row["best ms"]) <= float(row["worst ms"]) for row in rows)


def test_serving_loads_every_server_without_a_failed_request(model_dir, tmp_path, needs_wrk):
    rows = run_bench("serving", model_dir, tmp_path)
    assert [row["server"] for row in rows] == ["in-process (no HTTP)"] + [name for name, _, _ in SERVERS]
    assert all(float(row["requests/s"]) > 0 for row in rows)
    assert [row["errors"] for row in rows] == ["0"] * len(rows), "every request under load got a 200"


def test_database_stores_a_row_for_every_request_sent_on_both(model_dir, tmp_path, needs_wrk):
    """Django on SQLite and on PostgreSQL under the same writes: no error, and as many rows as requests."""
    require_postgres()
    rows = run_bench("database", model_dir, tmp_path)
    assert [row["database"] for row in rows] == list(DATABASES)
    assert all(float(row["requests/s"]) > 0 for row in rows)
    assert [row["errors"] for row in rows] == ["0"] * len(rows)
    assert all(0 < int(row["answered"]) <= int(row["sent"]) for row in rows)
    assert [row["rows stored"] for row in rows] == [row["sent"] for row in rows], "no prediction lost"


def test_the_stored_database_run_is_a_full_one_that_lost_no_prediction():
    """docs/benchmarks.md says so of the run stored beside it."""
    with (REPO_ROOT / "docs" / "benchmarks" / "database.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    every = {(database, workers, connections) for database in DATABASES for workers in ("2", "4")
             for connections in ("1", "8", "32")}
    assert {(row["database"], row["workers"], row["connections"]) for row in rows} == every
    assert all(row["rows stored"] == row["sent"] and row["errors"] == "0" for row in rows)


def test_the_kept_sqlite_connection_has_the_projects_own_sqlite_options(tmp_path):
    """The "SQLite, connection kept" server has the project's SQLite options: only CONN_MAX_AGE differs."""
    import dj_database_url
    from config.settings import sqlite_database

    path = tmp_path / "a folder" / "history.sqlite3"
    assert dj_database_url.parse(sqlite_url(path))["OPTIONS"] == sqlite_database()["OPTIONS"]
    assert dj_database_url.parse(sqlite_url(path))["NAME"] == str(path)


def test_load_without_a_body_sends_gets(model_dir, needs_wrk):
    # /api/health answers GET only: a POST would come back 405 and count as a bad status.
    with serving("flask", model_dir=model_dir, workers=1) as base_url:
        figures = put_under_load(f"{base_url}/api/health", 2, 1, body=None)
    assert figures["requests"] > 0
    assert figures["bad_status"] == figures["socket_errors"] == 0


def test_startup_reports_every_app(model_dir, tmp_path):
    rows = run_bench("startup", model_dir, tmp_path)
    assert [row["server"] for row in rows] == [name for name, app, _ in SERVERS if app]
    assert all(float(row["cold start s"]) > 0 and float(row["PSS total MiB"]) > 0 for row in rows)


def test_size_counts_every_app(model_dir, tmp_path):
    rows = run_bench("size", model_dir, tmp_path)
    assert [row["app"] for row in rows] == list(FOLDERS)
    assert all(0 < int(row["API glue lines"]) <= int(row["code lines"]) for row in rows)


def test_code_lines_leave_out_docstrings_comments_and_blank_lines(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(textwrap.dedent('''\
        """A module docstring
        over two lines."""

        # a comment
        def answer():
            """A docstring."""
            text = """not a docstring"""  # a comment after code
            return text
    '''))
    assert code_lines(source) == 3


@pytest.mark.parametrize("name", ["serving.csv", "serving-pipeline.csv"])
def test_stored_spreads_read_back_around_each_median(name):
    table = serving_ratios(REPO_ROOT / "docs" / "benchmarks" / name)
    assert set(table["connections"]) == {1, 8, 32}, "the stored run is a full one"
    # The spread is stored in whole requests/s: half of one, as a share of the floor's throughput.
    rounding = 0.5 * table["throughput vs floor"] / table["requests/s"]
    assert (table["low"] - rounding <= table["throughput vs floor"]).all()
    assert (table["throughput vs floor"] <= table["high"] + rounding).all()
    assert (table.loc[table["server"] == "bare WSGI (floor)", "throughput vs floor"] == 1).all()
