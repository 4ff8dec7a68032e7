"""The access log through a real pipe, read at a log shipper's pace: every line arrives whole.

Docker, systemd and ``| tee`` read a server's standard output through a pipe. When the reader is slower
than the workers write, the pipe fills and the workers' writes wait, side by side; a line longer than
PIPE_BUF may then be cut and mixed with another worker's. Here two gunicorn workers answer requests with
long paths (request lines near gunicorn's 4,094-byte limit) while a thread reads their output a little
at a time: every line must still be a JSON object, one per request.
"""

import json
import os
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from api_contract.log_lines import MAX_LINE_BYTES
from course_helpers.processes import free_port, stop
from course_helpers.servers import isolated_environment, prepare, server_command
from penguin_model.data import REPO_ROOT
from tests.observability.conftest import WSGI_APPS
from tests.support.needs import posix_only, require_gunicorn

pytestmark = posix_only("gunicorn")
REQUESTS = 300
LONG_PATH = "/api/" + "p" * 3_900  # with "GET " and " HTTP/1.1", just under gunicorn's limit


class SlowReader(threading.Thread):
    """Reads a pipe a kilobyte at a time with a pause between reads, as a busy log shipper does."""

    def __init__(self, pipe):
        super().__init__(daemon=True)
        self.pipe, self.received = pipe, bytearray()

    def run(self):
        while chunk := os.read(self.pipe.fileno(), 1024):
            self.received += chunk
            time.sleep(0.001)


def wait_for_health(base_url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(f"{base_url}/api/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"The server did not start (exit code {process.poll()}).")


@pytest.mark.parametrize("app", WSGI_APPS)
def test_every_line_arrives_whole_through_a_slow_pipe(app, model_dir):
    require_gunicorn()
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        environment = isolated_environment(app, Path(scratch), model_dir=model_dir)
        prepare(app, environment)
        process = subprocess.Popen(server_command(app, port, workers=2), env=environment, cwd=REPO_ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        reader = SlowReader(process.stdout)
        reader.start()
        try:
            wait_for_health(f"http://127.0.0.1:{port}", process)
            with ThreadPoolExecutor(max_workers=8) as pool:
                statuses = set(pool.map(lambda _: requests.get(f"http://127.0.0.1:{port}{LONG_PATH}",
                                                               timeout=60).status_code, range(REQUESTS)))
        finally:
            stop(process)
            reader.join(timeout=60)
            process.stdout.close()
    assert statuses == {404}
    lines = bytes(reader.received).decode("ascii").splitlines()
    entries = [json.loads(line) for line in lines]  # any line cut or mixed with another fails here
    long_ones = [entry for entry in entries if entry["path"].startswith("/api/ppp")]
    assert len(long_ones) == REQUESTS
    assert all(entry["path_truncated"] for entry in long_ones)
    assert max(len(line) + 1 for line in lines) <= MAX_LINE_BYTES
