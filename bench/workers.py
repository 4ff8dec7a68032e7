"""How latency and throughput change with the number of gunicorn workers, and with their type.

``measure`` (`python -m bench workers`): the Flask app under gunicorn with 1, 2 and 4 sync worker
processes, loaded by locust with more and more simultaneous users. On a machine with 2 cores, and
with locust itself on the same cores, a third and fourth worker have no core of their own: past 2
busy workers, more workers only take turns.

``measure_worker_types`` (`python -m bench worker-types`): the same app with 2 workers of each type
gunicorn ships — ``sync`` (one request at a time per process), ``gthread`` (several threads per
process) and ``gevent`` (cooperative, many requests per process) — on predictions that only compute,
and on predictions that first wait 20 ms, as a call to a database would (``bench/gunicorn_waiting.py``).
Threads and gevent help a worker that waits; none helps a worker that computes.
"""

import contextlib

from bench.locust_run import run_locust
from course_helpers.servers import serving
from penguin_model.data import REPO_ROOT

WAITING_CONFIG = str(REPO_ROOT / "bench" / "gunicorn_waiting.py")
WORKER_COUNTS = [1, 2, 4]
WORKER_TYPES = {"sync": {}, "gthread": {"BENCH_THREADS": "4"}, "gevent": {}}
WAIT_MS = 20


def measure(full=False):
    """Rows of the workers table: one per worker count and number of simulated users."""
    users, seconds, repeats = ([1, 2, 4, 8, 16], 8, 2) if full else ([1, 8], 2, 1)
    with contextlib.ExitStack() as stack:
        urls = {count: stack.enter_context(serving("flask", workers=count)) for count in WORKER_COUNTS}
        runs = {}
        for user_count in users:
            for _ in range(repeats):  # interleaved, so that a slow moment does not fall on one server
                for count, url in urls.items():
                    runs.setdefault((count, user_count), []).append(run_locust(url, user_count, seconds))
    return [{"workers": count, "users": user_count, **_summary(runs[count, user_count])}
            for count in WORKER_COUNTS for user_count in users]


def measure_worker_types(full=False):
    """Rows of the worker-types table: each type, with and without the wait before each prediction."""
    users, seconds, repeats = (16, 8, 2) if full else (16, 2, 1)
    rows = []
    for wait in (0, WAIT_MS):
        with contextlib.ExitStack() as stack:
            urls = {kind: stack.enter_context(_serving_with(kind, wait)) for kind in WORKER_TYPES}
            runs = {}
            for _ in range(repeats):
                for kind, url in urls.items():
                    runs.setdefault(kind, []).append(run_locust(url, users, seconds))
        rows += [{"worker type": kind, "wait ms": wait, "users": users, **_summary(runs[kind])}
                 for kind in WORKER_TYPES]
    return rows


def _serving_with(kind, wait):
    environment = {"BENCH_WORKER_CLASS": kind, "BENCH_WAIT_MS": str(wait), **WORKER_TYPES[kind]}
    return serving("flask", workers=2, gunicorn_config=WAITING_CONFIG, environment=environment)


def _summary(runs):
    """The run of median throughput, the failures of all runs, and locust's share of a core."""
    median = sorted(runs, key=lambda run: run["total"]["requests/s"])[len(runs) // 2]
    return {
        "requests/s": median["total"]["requests/s"],
        "p50 ms": median["total"]["p50 ms"],
        "p90 ms": median["total"]["p90 ms"],
        "p99 ms": median["total"]["p99 ms"],
        "failures": sum(run["total"]["failures"] for run in runs),
        "client CPU %": median["client CPU %"],
    }

