"""What SQLite's single writer costs Django under concurrent writes, beside PostgreSQL, in one run.

Every ``POST /api/predict`` to the Django app stores one row. SQLite lets one transaction write at a
time: the course's settings make each writer queue for the lock (IMMEDIATE transactions, a busy
timeout) rather than fail. PostgreSQL lets each connection write at once. The benchmark puts Django
under gunicorn (2 workers, then 4) under the same concurrent writes on three databases:

- **SQLite** as the project ships it: Django opens a new connection for every request (its default,
  ``CONN_MAX_AGE = 0``), and each one runs the WAL pragmas again;
- **SQLite, connection kept**: the same file and options, given as a ``sqlite:///`` DJANGO_DATABASE_URL,
  which brings the settings PostgreSQL gets: each worker keeps its connection. It tells the cost of
  the single writer apart from the cost of connecting;
- **PostgreSQL**, on a throwaway server of its own (``course_helpers.postgres``).

After each run it counts the rows stored against the requests sent: they must be equal, or a
prediction was lost. (wrk stops when its time is up without waiting for the answers on their way, at
most one per connection; the server still answers and stores those, so the count to compare with is
the requests sent, which ``bench.load`` counts, not the ones wrk saw answered.)

Whether the single writer shows on a 2-core machine is not obvious, which is why it is measured. In
WAL mode with ``synchronous=NORMAL`` a SQLite commit appends to the log without waiting for the disk,
so each writer holds the lock for a fraction of a millisecond, while the rest of a Django request
(middleware, Django REST framework, the answer) takes milliseconds and runs in parallel; with two cores,
no more than two requests make progress at once anyway. PostgreSQL, for its part, is not free: each
worker's connection is a server process of its own, and those processes compete with gunicorn's
workers and wrk for the same two cores. For a fair comparison the PostgreSQL server runs with
``synchronous_commit = off``, so that its commits do not wait for the disk either: both may lose the
last moments of commits if the machine crashes, neither corrupts. Its other settings are PostgreSQL's
defaults, fsync on.

Every server (and the one PostgreSQL server, with a database per Django server) is started first;
then each measurement goes round all of them in turn, ``repeats`` times; ratios are to SQLite as the
project ships it, with as many workers, in the same run.
"""

import contextlib
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from bench.load import put_under_load
from bench.serving import summarise
from course_helpers import postgres
from course_helpers.history import stored_predictions
from course_helpers.servers import serving

SQLITE, SQLITE_KEPT, POSTGRESQL = "SQLite", "SQLite, connection kept", "PostgreSQL"
DATABASES = (SQLITE, SQLITE_KEPT, POSTGRESQL)
# The project's own SQLite options (sqlite_database() in apps/django_demo/config/settings.py), which
# dj-database-url reads from a URL's query string; a test checks that they are the same.
SQLITE_OPTIONS = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                  "transaction_mode": "IMMEDIATE", "timeout": 20}
# As SQLite's WAL mode with synchronous=NORMAL: commits do not wait for the disk (see above).
POSTGRES_SETTINGS = {"synchronous_commit": "off"}
SETTLE_SECONDS = 30  # the longest wait for the answers still on their way when wrk stops


def measure(full=False):
    """Rows of the database table: one per database, worker count and connection count."""
    workers, connections, seconds, repeats = ([2, 4], [1, 8, 32], 10, 3) if full else ([2], [8], 1, 1)
    servers = [(database, count) for count in workers for database in DATABASES]
    runs = {}
    with contextlib.ExitStack() as stack:
        postgres_url = stack.enter_context(postgres.temporary_server("bench", settings=POSTGRES_SETTINGS))
        started = {server: stack.enter_context(_started(*server, postgres_url)) for server in servers}
        for url, database in started.values():
            _loaded(url, database, 4, 1)  # warm up: first requests, imports, connections
        for count in connections:
            for _ in range(repeats):
                for server, (url, database) in started.items():
                    runs.setdefault((*server, count), []).append(_loaded(url, database, count, seconds))
    rows = []
    for count in connections:
        for database, worker_count in servers:
            summary = _summary(runs[database, worker_count, count])
            sqlite = _summary(runs[SQLITE, worker_count, count])
            rows.append({
                "database": database, "workers": worker_count, "connections": count, **summary,
                "throughput vs SQLite": summary["requests/s"] / sqlite["requests/s"],
                "p99 vs SQLite": summary["p99 ms"] / sqlite["p99 ms"],
            })
    return rows


def sqlite_url(path):
    """A DJANGO_DATABASE_URL for the SQLite file ``path``, with the project's SQLite options."""
    return f"sqlite:///{quote(Path(path).as_posix())}?{urlencode(SQLITE_OPTIONS)}"


@contextlib.contextmanager
def _started(database, workers, postgres_url):
    """Django under gunicorn on a new, empty database; yields (URL of /api/predict, the database)."""
    with tempfile.TemporaryDirectory(prefix="bench-database-") as folder:
        path = Path(folder) / "history.sqlite3"
        if database == SQLITE:
            environment = {"DJANGO_DB_PATH": str(path)}
        elif database == SQLITE_KEPT:
            environment = {"DJANGO_DATABASE_URL": sqlite_url(path)}
        else:
            name = f"history_{workers}_workers"
            environment = {"DJANGO_DATABASE_URL": postgres.create_database(postgres_url, name)}
        with serving("django", workers=workers, environment=environment) as base_url:
            yield f"{base_url}/api/predict", environment


def _loaded(url, database, connections, seconds):
    """One wrk run; its figures plus the rows it stored, counted once the last answers are out."""
    before = stored_predictions(database)
    figures = put_under_load(url, connections, seconds, count_sent=True)
    deadline, stored = time.monotonic() + SETTLE_SECONDS, stored_predictions(database) - before
    while stored < figures["sent"] and time.monotonic() < deadline:
        time.sleep(0.1)
        stored = stored_predictions(database) - before
    return figures | {"stored": stored}


def _summary(runs):
    """The serving benchmark's figures of these runs, and the requests and rows, summed over them."""
    return summarise(runs) | {
        "answered": sum(run["requests"] for run in runs),
        "sent": sum(run["sent"] for run in runs),
        "rows stored": sum(run["stored"] for run in runs),
    }
