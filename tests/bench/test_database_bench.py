"""The database benchmark in quick mode: Django's writes on SQLite and on PostgreSQL, none lost."""

from bench.database import DATABASES, POSTGRESQL, SQLITE, SQLITE_COMMITS, SQLITE_PER_REQUEST
from bench.load import NO_WRK, wrk_available
from bench.summary import CPU, compare_databases
from tests.bench.running import run_bench
from tests.support.needs import require_postgres, skip_on_windows_else_require


def test_every_database_stores_a_row_for_every_request_sent(model_dir, tmp_path):
    """The same writes on each database: no error, as many rows as requests, and each says how it commits."""
    skip_on_windows_else_require(None if wrk_available() else NO_WRK)
    require_postgres()
    rows = run_bench("database", model_dir, tmp_path)
    assert [row["database"] for row in rows] == list(DATABASES)
    assert [row["errors"] for row in rows] == ["0"] * len(rows)
    assert all(0 < int(row["requests"]) <= int(row["sent"]) for row in rows)
    assert [row["rows stored"] for row in rows] == [row["sent"] for row in rows], "no prediction lost"
    assert all(float(row[CPU]) > 0 for row in rows)
    commits = {row["database"]: row["commits"] for row in rows}
    assert commits[POSTGRESQL] == "synchronous_commit=off, fsync=on", "read from the running server"
    assert {commits[database] for database in DATABASES if database != POSTGRESQL} == {SQLITE_COMMITS}
    compared = compare_databases(SQLITE, SQLITE_PER_REQUEST, folder=tmp_path, mode="quick")
    assert compared["verdict"].tolist() == ["not apart"], "one run is never enough for a verdict"
