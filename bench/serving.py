"""Every server of the contract under the same load, beside a baseline measured in the same rounds.

The baseline is a bare WSGI app (``bare_wsgi.py``) that calls the same functions under gunicorn with
the apps' settings: what Python and gunicorn cost before any framework. It is no floor: a server of
another kind (uvicorn, which keeps connections open) can do better.

Every server runs with 2 worker processes, except Streamlit's own server, which has no such option
(one process). Streamlit's API is measured twice: under `streamlit run`, what a student types, and as
the same app under uvicorn with the course's no-delay protocol, as FastAPI is started (what a deployer
can do). Django is measured twice too: as shipped, storing every prediction in SQLite, and with
``DJANGO_STORE_PREDICTIONS=0``, which tells the framework's cost apart from the write's.

Each server is loaded by wrk (``bench.load``) at each connection count, in rounds: in each round every
server is measured once, in turn, starting one server further each round, so that a slow moment of
the machine does not always fall on the same server. Each row is one measurement: a server's throughput,
latency percentiles, and the CPU time its processes used per request (``bench.cpu``), with whether it
kept wrk's connections open. ``bench.summary`` divides each round's figures by the baseline's of the
same round.
"""

import contextlib
import os
from typing import NamedTuple

from bench.cpu import ProcessTree
from bench.load import keeps_connections_alive, measured_load, put_under_load
from bench.together import all_at_once
from course_helpers.processes import free_port, running_server
from course_helpers.servers import REPO_ROOT, gunicorn_command, serving_with_process

BENCH_DIR = REPO_ROOT / "bench"
WORKERS = 2
BASELINE = "bare WSGI baseline (gunicorn)"


class Server(NamedTuple):
    """One server of the table: its name, how ``course_helpers.servers`` starts it, and what it does."""

    name: str
    app: str | None  # None: the baseline, started here
    workers: int = WORKERS
    streamlit_server: str | None = None
    environment: dict | None = None
    stores: bool = False  # stores each prediction it makes
    note: str = ""


SERVERS = [
    Server(BASELINE, None, note="no framework: the same calls as the apps, in a bare WSGI function"),
    Server("Flask (gunicorn)", "flask"),
    Server("Django (gunicorn)", "django", stores=True, note="as shipped: stores each prediction in SQLite"),
    Server("Django, not storing (gunicorn)", "django", environment={"DJANGO_STORE_PREDICTIONS": "0"},
           note="DJANGO_STORE_PREDICTIONS=0: the framework without the write"),
    Server("FastAPI (uvicorn)", "fastapi"),
    Server("Streamlit (streamlit run)", "streamlit", workers=1, streamlit_server="streamlit",
           note="one process: `streamlit run` has no option for more"),
    Server("Streamlit (uvicorn)", "streamlit", streamlit_server="uvicorn",
           note="the same st.App under uvicorn, started as FastAPI is"),
]
FULL = {"connections": [1, 8, 32], "seconds": 6, "rounds": 3}
QUICK = {"connections": [8], "seconds": 1, "rounds": 1}


def measure(full=False):
    """Rows of the serving table: one per server, connection count and round."""
    plan = FULL if full else QUICK
    rows = []
    with all_at_once({server.name: _started(server) for server in SERVERS}) as started:
        for connections in plan["connections"]:
            for round_number in range(1, plan["rounds"] + 1):
                for server in _in_turn(SERVERS, round_number):
                    url, tree, alive = started[server.name]
                    figures = measured_load(url, connections, plan["seconds"], [tree])
                    rows.append({"connections": connections, "round": round_number, "server": server.name,
                                 "worker processes": server.workers,
                                 "keeps connections alive": "yes" if alive else "no", **figures})
    return rows


def _in_turn(servers, round_number):
    """The servers in the order of this round: each round starts one server further along."""
    shift = (round_number - 1) % len(servers)
    return servers[shift:] + servers[:shift]


@contextlib.contextmanager
def _started(server):
    """``server`` running and warmed up: (URL of /api/predict, its ``ProcessTree``, whether it keeps
    connections alive)."""
    with _running(server) as (url, pid):
        alive = keeps_connections_alive(url)
        put_under_load(url, 4, 1)  # warm up: first requests, imports, caches, database connections
        yield url, ProcessTree(pid), alive


@contextlib.contextmanager
def _running(server):
    """(URL of /api/predict, process id) of ``server``; the baseline is started here, the apps by
    ``course_helpers.servers`` as everywhere in the course."""
    if server.app is not None:
        with serving_with_process(server.app, workers=server.workers, environment=server.environment,
                                  streamlit_server=server.streamlit_server) as running:
            yield f"{running.url}/api/predict", running.process.pid
        return
    port = free_port()
    command = gunicorn_command(BENCH_DIR, "bare_wsgi:application", port, workers=server.workers)
    base_url = f"http://127.0.0.1:{port}"
    with running_server(command, f"{base_url}/api/health", env=os.environ.copy(), cwd=REPO_ROOT) as process:
        yield f"{base_url}/api/predict", process.pid
