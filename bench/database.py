"""Django's concurrent writes on SQLite and on PostgreSQL, measured alike, and every prediction counted.

Every ``POST /api/predict`` to the Django app stores one row. Django runs under gunicorn (2 workers,
then 4) on three databases, each given to it the way a deployment would, through the project's own
settings (``apps/django_demo/config/settings.py``):

- **SQLite, a new connection per request**: ``DJANGO_CONN_MAX_AGE=0``, Django's own default;
- **SQLite, connection kept**: the course's settings as they are, each worker keeping its connection;
- **PostgreSQL, connection kept**: a throwaway server of its own (``course_helpers.postgres``), with
  the same connection settings.

Whether their commits wait for the disk is said in every row (``commits``), as it decides much of a
write's cost. SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit appends to the log and
does not wait for the disk (the log is synced at checkpoints). So that both are measured alike,
PostgreSQL runs with ``synchronous_commit = off``: its commits do not wait for the disk either, while
``fsync`` stays on (PostgreSQL's default), as SQLite's checkpoints still sync. Either may lose the
last moments of commits if the machine crashes; neither corrupts its data. The values in the rows
are read from the running PostgreSQL server itself.

The server CPU time per request counts gunicorn's processes and, for PostgreSQL, the database
server's too: SQLite works inside the workers, PostgreSQL in processes of its own.

After each measurement the rows stored are counted against the requests sent: they must be equal, or
a prediction was lost. (wrk stops when its time is up without waiting for the answers on their way, at
most one per connection; the server still answers and stores those, so the count to compare with is
the requests sent, which ``bench.load`` counts, not the ones wrk saw answered.)

Every server is started first (one PostgreSQL server, with a database per Django server); then, as
in ``bench.serving``, each measurement goes round all of them in turn, in rounds.
"""

import contextlib
import tempfile
import time
from pathlib import Path

import psutil

from bench.cpu import ProcessTree
from bench.load import measured_load, put_under_load
from bench.together import all_at_once
from course_helpers import postgres
from course_helpers.history import stored_predictions
from course_helpers.servers import serving_with_process

SQLITE_PER_REQUEST = "SQLite, a new connection per request"
SQLITE = "SQLite, connection kept"
POSTGRESQL = "PostgreSQL, connection kept"
DATABASES = (SQLITE_PER_REQUEST, SQLITE, POSTGRESQL)
# The project's SQLite settings (sqlite_database() in the Django settings; a test checks they say so).
SQLITE_COMMITS = "WAL, synchronous=NORMAL"
# Commits that do not wait for the disk, as SQLite's with the settings above (see the docstring).
POSTGRES_SETTINGS = {"synchronous_commit": "off"}
SETTLE_SECONDS = 30  # the longest wait for the answers still on their way when wrk stops
FULL = {"workers": [2, 4], "connections": [1, 8, 32], "seconds": 6, "rounds": 3}
QUICK = {"workers": [2], "connections": [8], "seconds": 1, "rounds": 1}


def measure(full=False):
    """Rows of the database table: one per database, worker count, connection count and round."""
    plan = FULL if full else QUICK
    servers = [(database, workers) for workers in plan["workers"] for database in DATABASES]
    rows = []
    with contextlib.ExitStack() as stack:
        postgres_url = stack.enter_context(postgres.temporary_server("bench", settings=POSTGRES_SETTINGS))
        django = {server: _started(*server, postgres_url) for server in servers}
        started = stack.enter_context(all_at_once(django))
        for server in started.values():
            put_under_load(server["url"], 4, 1)  # warm up: first requests, imports, connections
        for connections in plan["connections"]:
            for round_number in range(1, plan["rounds"] + 1):
                for (database, workers), server in started.items():
                    figures = _measured(server, connections, plan["seconds"])
                    rows.append({"database": database, "workers": workers, "connections": connections,
                                 "round": round_number, "commits": server["commits"], **figures})
    return rows


@contextlib.contextmanager
def _started(database, workers, postgres_url):
    """Django under gunicorn on a new, empty database: its URL, environment, process trees and commits."""
    with tempfile.TemporaryDirectory(prefix="bench-database-") as folder:
        if database == POSTGRESQL:
            url = postgres.create_database(postgres_url, f"history_{workers}_workers")
            environment = {"DJANGO_DATABASE_URL": url}
        else:
            environment = {"DJANGO_DB_PATH": str(Path(folder) / "history.sqlite3")}
        if database == SQLITE_PER_REQUEST:
            environment["DJANGO_CONN_MAX_AGE"] = "0"
        with serving_with_process("django", workers=workers, environment=environment) as running:
            trees = [ProcessTree(running.process.pid)]
            commits = SQLITE_COMMITS
            if database == POSTGRESQL:
                postmaster, commits = _postgres_server(environment["DJANGO_DATABASE_URL"])
                trees.append(ProcessTree(postmaster))
            yield {"url": f"{running.url}/api/predict", "environment": environment, "trees": trees,
                   "commits": commits}


def _postgres_server(url):
    """The PostgreSQL server's main process id, and how its commits reach the disk, as it says itself."""
    import psycopg  # only where there is a PostgreSQL server

    with psycopg.connect(url) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
        # Each connection is served by a process that the server's main process (the postmaster) started.
        postmaster = psutil.Process(backend).parent().pid
        settings = {name: connection.execute(f"SHOW {name}").fetchone()[0]
                    for name in ("synchronous_commit", "fsync")}
    return postmaster, ", ".join(f"{name}={value}" for name, value in settings.items())


def _measured(server, connections, seconds):
    """One wrk run; its figures plus the rows it stored, counted once the last answers are out."""
    database = server["environment"]
    before = stored_predictions(database)
    figures = measured_load(server["url"], connections, seconds, server["trees"], count_sent=True)
    deadline, stored = time.monotonic() + SETTLE_SECONDS, stored_predictions(database) - before
    while stored < figures["sent"] and time.monotonic() < deadline:
        time.sleep(0.1)
        stored = stored_predictions(database) - before
    return figures | {"rows stored": stored}
