"""Put a server under load with wrk, a load generator written in C, and read what it measured.

wrk keeps a number of connections open and sends the next request on each as soon as the answer
to the last one has arrived. Its Lua hook below prints the figures as JSON, so nothing depends on
the layout of its report. wrk runs on the same machine as the servers, so its own CPU time is
measured too: what it uses is not available to the server.
"""

import json
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from penguin_model.examples import GENTOO

NO_WRK = ("wrk, the load generator, is not installed: `apt install wrk` (Debian, Ubuntu) or "
          "`brew install wrk` (macOS). The other benchmarks run without it.")

# Posts one penguin on every request (or GETs, with no body).
POST_BODY = """
wrk.method = "POST"
wrk.body = [[{body}]]
wrk.headers["Content-Type"] = "application/json"
"""
# Reports latency percentiles (µs) and error counts as JSON.
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "bad_status": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p90_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
"""


def wrk_available():
    return shutil.which("wrk") is not None


def put_under_load(url, connections, seconds, *, body=GENTOO):
    """Load ``url`` over ``connections`` connections for ``seconds``; return wrk's figures and its CPU.

    Each request POSTs ``body`` as JSON, or is a GET when ``body`` is None.
    """
    request = "" if body is None else POST_BODY.format(body=json.dumps(body))
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "load.lua"
        script.write_text(request + REPORT, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                               "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    figures = json.loads(line.removeprefix("RESULT "))
    client_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures | {"client_cpu_seconds": client_cpu}
