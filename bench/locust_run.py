"""Run locust headless against a server, on loopback, bounded in time (and in requests if asked).

locust runs in a child process: it patches Python's sockets and threads for its own event loop
(gevent), which must not happen inside a notebook or a test session. What it measured is read
from its CSV files. Like wrk in ``bench.load``, it runs on the same machine as the servers, so its
own CPU time is measured too (by the locustfile).

locust rounds response times under 100 ms to whole milliseconds, and coarser above, so its
percentiles are good for curves and comparisons, not for sub-millisecond differences.
"""

import csv
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
        prefix = Path(folder) / "run"
        command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", base_url,
                   "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
                   "--max-requests", str(max_requests), "--csv", str(prefix), "--only-summary",
                   "--loglevel", "ERROR", "--stop-timeout", "5"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=seconds + 120)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats, failures = _read_csv(f"{prefix}_stats.csv"), _read_csv(f"{prefix}_failures.csv")
    # locust exits with 1 when a request failed: that is a result, not a crash.
    if done.returncode not in (0, 1) or not stats:
        raise RuntimeError(f"locust failed on {base_url}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    rows = [_figures(row) for row in stats if row["Name"] != "Aggregated"]
    (total,) = [_figures(row) for row in stats if row["Name"] == "Aggregated"]
    share = re.search(r"^LOCUST_CPU_PERCENT (\S+)$", done.stdout, re.MULTILINE)
    cpu = float(share[1]) if share else None
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"rows": rows, "total": total, "failures": failures, "client CPU %": cpu,
            "client CPU seconds": used}


def _read_csv(path):
    if not Path(path).exists():
        return []
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _figures(row):
    """One row of locust's table, with the names this course uses."""
    return {
        "name": f"{row['Type']} {row['Name']}".strip(),
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests/s": float(row["Requests/s"]),
        "p50 ms": _milliseconds(row["50%"]),
        "p90 ms": _milliseconds(row["90%"]),
        "p99 ms": _milliseconds(row["99%"]),
        "max ms": _milliseconds(row["Max Response Time"]),
    }


def _milliseconds(text):
    return None if text in ("", "N/A") else float(text)
