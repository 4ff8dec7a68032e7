"""Every server of the contract under the same load, beside two references measured in the same run.

- the floor: a bare WSGI app (``bare_wsgi.py``) that calls the same functions, under gunicorn with
  the apps' settings: what Python and gunicorn cost before any framework;
- in-process: the same work (parse, validate, predict, encode) with no HTTP at all.

Each server runs with 2 worker processes (Streamlit: 1, its server has no workers). Every server is
started first, then each measurement goes round all of them in turn, ``repeats`` times, so that a
slow moment of the machine does not fall on one server only. Ratios are to the floor, in this run.

Streamlit's server answers each request on a kept-alive connection about 40 ms late: it binds its
listening socket so that asyncio leaves Nagle's algorithm on, and the second half of each answer waits
for the client's delayed acknowledgement. uvicorn with several workers did the same until the course
started it with its own protocol class (``apps/fastapi_demo/no_delay.py``).
"""

import contextlib
import json
import os
import statistics
import time

from bench.load import put_under_load
from course_helpers.processes import free_port, running_server
from course_helpers.servers import REPO_ROOT, gunicorn_command, serving
from penguin_model import load_model
from penguin_model.examples import GENTOO

BENCH_DIR = REPO_ROOT / "bench"
WORKERS = 2
FLOOR = "bare WSGI (floor)"
# (name in the table, app for course_helpers.servers.serving or None for the floor, worker processes)
SERVERS = [
    (FLOOR, None, WORKERS),
    ("Flask (gunicorn)", "flask", WORKERS),
    ("Django (gunicorn)", "django", WORKERS),
    ("FastAPI (uvicorn)", "fastapi", WORKERS),
    ("Streamlit (its server)", "streamlit", 1),
]


def measure(full=False):
    """Rows of the serving table."""
    connections, seconds, repeats = ([1, 8, 32], 10, 3) if full else ([8], 2, 1)
    figures = {}
    with contextlib.ExitStack() as stack:
        urls = {name: stack.enter_context(_started(app, workers)) for name, app, workers in SERVERS}
        for url in urls.values():
            put_under_load(url, 4, 1)  # warm up: first requests, imports, caches
        for count in connections:
            for _ in range(repeats):
                for name, url in urls.items():
                    figures.setdefault((name, count), []).append(put_under_load(url, count, seconds))
    in_process = _in_process_row(seconds)
    rows = [in_process]
    for count in connections:
        floor = summarise(figures[FLOOR, count])
        for name, _, workers in SERVERS:
            summary = summarise(figures[name, count])
            rows.append({
                "server": name, "processes": workers, "connections": count, **summary,
                "throughput vs floor": summary["requests/s"] / floor["requests/s"],
                "p50 vs floor": summary["p50 ms"] / floor["p50 ms"],
                "p50 vs in-process": summary["p50 ms"] / in_process["p50 ms"],
            })
    return rows


@contextlib.contextmanager
def _started(app, workers):
    """The URL of /api/predict on a running server; the floor is started here, the apps by ``serving``."""
    if app is not None:
        with serving(app, workers=workers) as base_url:
            yield f"{base_url}/api/predict"
        return
    port = free_port()
    command = gunicorn_command(BENCH_DIR, "bare_wsgi:application", port, workers=workers)
    with running_server(command, f"http://127.0.0.1:{port}/api/health", env=os.environ.copy(), cwd=REPO_ROOT):
        yield f"http://127.0.0.1:{port}/api/predict"


def summarise(runs):
    """Median over repeats of each figure; the spread of throughput as lowest-highest."""
    throughputs = [run["requests"] / run["seconds"] for run in runs]
    return {
        "requests/s": statistics.median(throughputs),
        "spread requests/s": f"{min(throughputs):,.0f}-{max(throughputs):,.0f}",
        "p50 ms": statistics.median(run["p50_us"] for run in runs) / 1000,
        "p90 ms": statistics.median(run["p90_us"] for run in runs) / 1000,
        "p99 ms": statistics.median(run["p99_us"] for run in runs) / 1000,
        "errors": sum(run["bad_status"] + run["socket_errors"] for run in runs),
        "client CPU %": _client_share(runs),
    }


def _client_share(runs):
    """wrk's own CPU time, as a share of one core, while it ran."""
    return 100 * sum(run["client_cpu_seconds"] for run in runs) / sum(run["seconds"] for run in runs)


def _in_process_row(seconds):
    """The same work as one request, in this process and one thread: parse, validate, predict, encode."""
    from api_contract import parse_json_body, validate_predict_body

    model, raw = load_model(), json.dumps(GENTOO).encode()
    timings, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        json.dumps(model.predict(validate_predict_body(parse_json_body(raw), model)))
        timings.append(time.perf_counter() - start)
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "server": "in-process (no HTTP)", "processes": 1, "connections": "-",
        "requests/s": len(timings) / sum(timings), "spread requests/s": "-",
        "p50 ms": quantiles[49] * 1000, "p90 ms": quantiles[89] * 1000, "p99 ms": quantiles[98] * 1000,
        "errors": 0, "client CPU %": 0.0,
        "throughput vs floor": "-", "p50 vs floor": "-", "p50 vs in-process": 1.0,
    }
