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

Each row is one locust run, in rounds as in ``bench.serving``, with the server's CPU time per request
(``bench.cpu``) beside locust's figures.
"""

from bench.cpu import Meter, ProcessTree
from bench.load import warm_up
from bench.locust_run import run_locust
from bench.serving import START_TIMEOUT
from bench.together import all_at_once
from course_helpers.servers import serving_with_process
from penguin_model.data import REPO_ROOT

WAITING_CONFIG = str(REPO_ROOT / "bench" / "gunicorn_waiting.py")
WORKER_COUNTS = [1, 2, 4]
WORKER_TYPES = {"sync": {}, "gthread": {"BENCH_THREADS": "4"}, "gevent": {}}
WAIT_MS = 20
FULL = {"users": [1, 2, 4, 8, 16], "seconds": 5, "rounds": 3}
QUICK = {"users": [1, 8], "seconds": 1, "rounds": 1}  # 1 s, as the other benchmarks' quick modes
TYPES_FULL = {"users": 16, "seconds": 5, "rounds": 3}
TYPES_QUICK = {"users": 16, "seconds": 1, "rounds": 1}


def measure(full=False):
    """Rows of the workers table: one per worker count, number of simulated users and round."""
    plan = FULL if full else QUICK
    rows = []
    flask = {count: serving_with_process("flask", workers=count, timeout=START_TIMEOUT)
             for count in WORKER_COUNTS}
    with all_at_once(flask) as servers:
        for server in servers.values():
            warm_up(f"{server.url}/api/predict")
        for users in plan["users"]:
            for round_number in range(1, plan["rounds"] + 1):
                for count, server in servers.items():  # interleaved, so that a slow moment is shared
                    figures = _measured(server, users, plan["seconds"])
                    rows.append({"workers": count, "users": users, "round": round_number, **figures})
    return rows


def measure_worker_types(full=False):
    """Rows of the worker-types table: each type, with and without the wait before each prediction."""
    plan = TYPES_FULL if full else TYPES_QUICK
    rows = []
    for wait in (0, WAIT_MS):
        with all_at_once({kind: _serving_with(kind, wait) for kind in WORKER_TYPES}) as servers:
            for server in servers.values():
                warm_up(f"{server.url}/api/predict")
            for round_number in range(1, plan["rounds"] + 1):
                for kind, server in servers.items():
                    figures = _measured(server, plan["users"], plan["seconds"])
                    rows.append({"worker type": kind, "wait ms": wait, "users": plan["users"],
                                 "round": round_number, **figures})
    return rows


def _serving_with(kind, wait):
    environment = {"BENCH_WORKER_CLASS": kind, "BENCH_WAIT_MS": str(wait), **WORKER_TYPES[kind]}
    return serving_with_process("flask", workers=2, gunicorn_config=WAITING_CONFIG, environment=environment,
                                timeout=START_TIMEOUT)


def _measured(server, users, seconds):
    """One locust run against ``server``, with the server's CPU time per request read around it."""
    meter = Meter([ProcessTree(server.process.pid)]).start()
    run = run_locust(server.url, users, seconds)
    meter.stop()
    total = run["total"]
    return {
        "requests": total["requests"],
        "requests/s": total["requests/s"],
        "p50 ms": total["p50 ms"],
        "p90 ms": total["p90 ms"],
        "p99 ms": total["p99 ms"],
        "failures": total["failures"],
        **meter.figures(total["requests"], run["client CPU seconds"]),
        "client CPU %": run["client CPU %"],
    }
