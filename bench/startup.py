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
    """Rows of the startup table: one per app server as shipped and round (the baseline has no app)."""
    rounds = 3 if full else 1
    servers = [server for server in SERVERS if server.app is not None and not server.environment]
    rows = []
    for round_number in range(1, rounds + 1):  # interleaved: each server once per round
        for server in servers:
            started = _cold_start(server)
            rows.append({
                "round": round_number, "server": server.name, "processes": len(started["rss"]),
                "cold start s": started["seconds"],
                "RSS per worker MiB": statistics.median(started["rss"][1:] or started["rss"]),
                "RSS master MiB": started["rss"][0] if len(started["rss"]) > 1 else "-",
                "PSS total MiB": sum(started["pss"]),
            })
    return rows


def _cold_start(server):
    """Start ``server``; time until it predicts; read its processes' memory after a warm-up; stop it."""
    app = server.app
    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        database = {"DJANGO_DB_PATH": str(Path(scratch) / "db.sqlite3")}
        environment = server_environment(app, os.environ | database)
        prepare(app, environment)
        command = server_command(app, port, workers=server.workers, streamlit_server=server.streamlit_server)
        start = time.perf_counter()
        process = subprocess.Popen(command, env=environment, cwd=REPO_ROOT,
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
