"""Run locust headless against a server, on loopback, bounded in time (and in requests if asked).

locust runs in a child process: it patches Python's sockets and threads for its own event loop
(gevent), which must not happen inside a notebook or a test session. What it measured is read from
the JSON file the locustfile writes once every request has ended (locust's own CSV files are written
once a second while it runs, so they miss the end of the run). Like wrk in ``bench.load``, it runs on
the same machine as the servers, so its own CPU time is measured too (by the locustfile).

locust rounds response times under 100 ms to whole milliseconds, and coarser above, so its
percentiles are good for curves and comparisons, not for sub-millisecond differences.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from penguin_model.data import REPO_ROOT

LOCUSTFILE = REPO_ROOT / "bench" / "locustfile.py"


def run_locust(base_url, users, seconds, *, max_requests=0):
    """Load ``base_url`` with ``users`` clients for ``seconds``; return what locust counted.

    The result: ``rows`` (one per request name, as locust's table has them), ``total``, ``failures``
    (locust's list of errors: method, name, error, occurrences), ``client CPU %``, locust's own
    CPU time while it sent load, as a share of one core (it runs on the servers' cores), and
    ``client CPU seconds``, all the CPU time its process used, start and stop included.
    """
    # posix only, as gunicorn is for the servers locust loads here; imported here, not at the top, so
    # that importing this module works on Windows too.
    import resource

    with tempfile.TemporaryDirectory(prefix="locust-") as folder:
        final = Path(folder) / "final.json"
        command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", base_url,
                   "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
                   "--max-requests", str(max_requests), "--final-stats", str(final), "--only-summary",
                   "--loglevel", "ERROR", "--stop-timeout", "5"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=seconds + 120)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = json.loads(final.read_text(encoding="utf-8")) if final.exists() else None
    # locust exits with 1 when a request failed: that is a result, not a crash.
    if done.returncode not in (0, 1) or stats is None:
        raise RuntimeError(f"locust failed on {base_url}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    *rows, total = [_figures(row) for row in stats["rows"]]
    share = re.search(r"^LOCUST_CPU_PERCENT (\S+)$", done.stdout, re.MULTILINE)
    cpu = float(share[1]) if share else None
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"rows": rows, "total": total, "failures": stats["failures"], "client CPU %": cpu,
            "client CPU seconds": used}


def _figures(row):
    """One row of locust's table ("POST /api/predict · model 1.0.0", or "Aggregated" for all of them)."""
    milliseconds = {name: None if row[name] is None else float(row[name])
                    for name in ("p50 ms", "p90 ms", "p99 ms", "max ms")}
    return {"name": f"{row['method']} {row['name']}".strip(), "requests": row["requests"],
            "failures": row["failures"], "requests/s": row["requests/s"], **milliseconds}
