"""Cold start and memory: from the server command to the first successful prediction, then its size.

Cold start is the time from starting the server's command to the first 200 answer of
/api/predict (Django's migrate, a separate step, is not counted). Memory is read after a short
warm-up, for each process of the server: RSS counts every page a process uses, PSS shares each page
among the processes that use it (workers forked from one master share much of it), so the PSS of
the processes adds up to what the server really costs.
"""

import contextlib
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import psutil
import requests

from bench.serving import SERVERS
from course_helpers.processes import free_port, stop
from course_helpers.servers import REPO_ROOT, prepare, server_command, server_environment
from penguin_model.examples import GENTOO

MiB = 2**20


def measure(full=False):
    """Rows of the startup table: one per app (the floor has no app command and is left out)."""
    repeats = 3 if full else 1
    results = {}
    for _ in range(repeats):  # interleaved: each app once per round
        for name, app, workers in SERVERS:
            if app is not None:
                results.setdefault(name, []).append(_cold_start(app, workers))
    rows = []
    for name in results:
        runs = results[name]
        seconds = [run["seconds"] for run in runs]
        memory = runs[-1]
        rows.append({
            "server": name, "processes": len(memory["rss"]),
            "cold start s": statistics.median(seconds), "spread s": f"{min(seconds):.2f}-{max(seconds):.2f}",
            "RSS per worker MiB": statistics.median(memory["rss"][1:] or memory["rss"]),
            "RSS master MiB": memory["rss"][0] if len(memory["rss"]) > 1 else "-",
            "PSS total MiB": sum(memory["pss"]),
        })
    return rows


def _cold_start(app, workers):
    """Start ``app``; time until it predicts; read its processes' memory after a warm-up; stop it."""
    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        database = {"DJANGO_DB_PATH": str(Path(scratch) / "db.sqlite3")}
        environment = server_environment(app, os.environ | database)
        prepare(app, environment)
        start = time.perf_counter()
        process = subprocess.Popen(server_command(app, port, workers=workers), env=environment, cwd=REPO_ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/api/predict"
            _first_prediction(url, process)
            seconds = time.perf_counter() - start
            with requests.Session() as session:
                for _ in range(50):  # warm-up: every worker loads what serving needs
                    session.post(url, json=GENTOO, timeout=10)
            return {"seconds": seconds, **_memory(process)}
        finally:
            stop(process)


def _first_prediction(url, process, timeout=120):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server for {url} exited with code {process.returncode}.")
        with contextlib.suppress(requests.RequestException):
            if requests.post(url, json=GENTOO, timeout=2).status_code == 200:
                return
        time.sleep(0.02)
    raise RuntimeError(f"No prediction from {url} within {timeout} s.")


def _memory(process):
    """RSS and PSS in MiB of the server's processes: the first one started, then its children."""
    tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    tree = [member for member in tree if member.name() != "sh"]
    rss = [member.memory_info().rss / MiB for member in tree]
    pss = [getattr(member.memory_full_info(), "pss", member.memory_info().rss) / MiB for member in tree]
    return {"rss": rss, "pss": pss}
