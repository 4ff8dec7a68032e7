"""Put a server under load with wrk, a load generator written in C, and read what it measured.

wrk keeps a number of connections open and sends the next request on each as soon as the answer
to the last one has arrived. Its Lua hook below prints the figures as JSON, so nothing depends on
the layout of its report. wrk runs on the same machine as the servers, so its own CPU time is
measured too: what it uses is not available to the server. ``measured_load`` also reads the server's
own CPU time around the run (``bench.cpu``).
"""

import http.client
import json
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import requests

from bench.cpu import Meter
from penguin_model.examples import GENTOO

NO_WRK = ("wrk, the load generator, is not installed: `apt install wrk` (Debian, Ubuntu) or "
          "`brew install wrk` (macOS). The other benchmarks run without it.")

# Posts one penguin on every request (or GETs, with no body).
POST_BODY = """
wrk.method = "POST"
wrk.body = [[{body}]]
wrk.headers["Content-Type"] = "application/json"
"""
# Counts the requests wrk sends, which is more than it answers: when its time is up, wrk stops at once,
# without waiting for the answers still on their way (at most one per connection), which the server
# still sends. Only when asked: wrk then builds every request in Lua, which costs it some CPU.
COUNT_SENT = """
threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) sent = 0 end
request = function() sent = sent + 1 return wrk.format() end
sent_total = function()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("sent") end
  -- Before the run, wrk calls request() once on its first thread to check what it returns
  -- (script_verify_request in wrk.c); that request is never sent.
  return total - 1
end
"""
# Reports latency percentiles (µs), error counts and, when counted, the requests sent (else -1) as JSON.
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "bad_status": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "sent": %d}\\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    sent_total and sent_total() or -1))
end
"""


def wrk_available():
    return shutil.which("wrk") is not None


def put_under_load(url, connections, seconds, *, body=GENTOO, count_sent=False):
    """Load ``url`` over ``connections`` connections for ``seconds``; return wrk's figures and its CPU.

    Each request POSTs ``body`` as JSON, or is a GET when ``body`` is None. With ``count_sent``, the
    figures include ``sent``, the requests sent, answered or not (see ``COUNT_SENT``).
    """
    request = "" if body is None else POST_BODY.format(body=json.dumps(body))
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "load.lua"
        script.write_text(request + (COUNT_SENT if count_sent else "") + REPORT, encoding="utf-8")
        # posix only: as wrk is. Imported here, so importing this module (chapter 06 does) works on Windows.
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                               "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    figures = json.loads(line.removeprefix("RESULT "))
    if not count_sent:
        del figures["sent"]
    client_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures | {"client_cpu_seconds": client_cpu}


def measured_load(url, connections, seconds, trees, *, body=GENTOO, count_sent=False):
    """``put_under_load``, with the CPU time of ``trees`` (``bench.cpu.ProcessTree``: the server, and its
    database server if it has one) read around it; the figures as the benchmarks store them (with
    ``sent`` too, when ``count_sent``)."""
    meter = Meter(trees).start()
    figures = put_under_load(url, connections, seconds, body=body, count_sent=count_sent)
    meter.stop()
    answered = figures["requests"]
    return {
        "seconds": round(figures["seconds"], 3),
        "requests": answered,
        **({"sent": figures["sent"]} if count_sent else {}),
        "errors": figures["bad_status"] + figures["socket_errors"],
        "requests/s": answered / figures["seconds"],
        "p50 ms": figures["p50_us"] / 1000,
        "p90 ms": figures["p90_us"] / 1000,
        "p99 ms": figures["p99_us"] / 1000,
        **meter.figures(answered, figures["client_cpu_seconds"]),
        "client CPU %": 100 * figures["client_cpu_seconds"] / figures["seconds"],
    }


def keeps_connections_alive(url, body=GENTOO):
    """Whether the server at ``url`` keeps a connection open after its answer (HTTP/1.1 keep-alive), as
    uvicorn does, or closes it, as gunicorn's sync workers do: then wrk opens a new one per request."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        payload = None if body is None else json.dumps(body)
        headers = {} if body is None else {"Content-Type": "application/json"}
        connection.request("GET" if body is None else "POST", address.path, body=payload, headers=headers)
        answer = connection.getresponse()
        answer.read()
        return not answer.will_close
    finally:
        connection.close()


def warm_up(url, *, clients=8, each=10, body=GENTOO):
    """Send ``clients`` × ``each`` requests, ``clients`` at a time, each on a new connection, so that every
    worker has booted and answered before a measurement: a server answers its health check as soon as one
    worker can, while the others may still be importing. Needs no wrk."""
    def post_some(_):
        for _ in range(each):
            requests.post(url, json=body, timeout=60).raise_for_status()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(post_some, range(clients)))
