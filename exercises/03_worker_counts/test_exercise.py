"""Checks for exercise 03 · Worker counts. Run: make check EXERCISE=03_worker_counts

Real gunicorn servers, started and stopped on free ports of 127.0.0.1. No check looks at a time or
a throughput figure: the machine is shared, and those vary from run to run. They check what always
holds: every request is answered, which processes answered it, and that nothing is left running.
"""

import json
import math
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import psutil
import pytest
import requests

from course_helpers.processes import port_is_free, server_output
from course_helpers.servers import server_command, serving_with_process
from penguin_model.examples import GENTOO

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="gunicorn does not run on Windows: do this exercise in WSL (README.md).")

REPORT_KEYS = {"workers", "requests", "answered", "worker_pids", "server_pid", "url", "seconds",
               "requests_per_second"}
_runs = {}  # (checked file, workers) -> (report, batches sent): each run starts a server; checks share


def measured(exercise, workers):
    """The report of ``exercise.measure(workers)``, measured once per checked file."""
    return measured_with_batches(exercise, workers)[0]


def measured_with_batches(exercise, workers):
    """``(report, [(request count, concurrency) of each post_batches call])`` of one measure run.

    A run of one request at a time still reaches both workers (one after the other), so the check on
    concurrency asks how measure called post_batches: it looks the name up in its module when it runs.
    """
    key = (exercise.__file__, workers)
    if key not in _runs:
        batches, post_batches = [], exercise.post_batches

        def recorded(base_url, request_ids, concurrency):
            batches.append((len(request_ids), concurrency))
            return post_batches(base_url, request_ids, concurrency)

        exercise.post_batches = recorded
        try:
            _runs[key] = (exercise.measure(workers), batches)
        finally:
            exercise.post_batches = post_batches
    return _runs[key]


@pytest.fixture(scope="module")
def course_server(model):  # model first: without one, the check says what to run
    """A server started by the course itself (two workers), to check steps 2 and 3 on their own."""
    with serving_with_process("flask", workers=2) as server:
        yield server


def access_lines(process, request_ids):
    """The server's log lines of these requests, once every one is there (it comes just after the answer)."""
    wait_for_log_lines(process, request_ids)
    output = server_output(process, limit=10**8)
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [line for line in lines if line["client_request_id"] in request_ids]


def wait_for_log_lines(process, request_ids, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = server_output(process, limit=10**8)
        if all(request_id in output for request_id in request_ids):
            return
        time.sleep(0.05)


class InFlightCounter(BaseHTTPRequestHandler):
    """Answers each POST only once ``expected`` requests have been in flight together (or after a few
    seconds), and records the most it saw at once: the real server cannot tell sent-together from
    sent-in-turn, this one can, without looking at a clock's figures.
    """

    def do_POST(self):  # noqa: N802 - the name http.server calls
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        seen = self.server.seen
        with seen["condition"]:
            seen["in flight"] += 1
            seen["most at once"] = max(seen["most at once"], seen["in flight"])
            seen["condition"].notify_all()
            seen["condition"].wait_for(lambda: seen["most at once"] >= seen["expected"], timeout=5)
            seen["in flight"] -= 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *arguments):
        pass  # no line per request on the check's output


def still_running(pid):
    """Whether ``pid`` is a live process (a zombie has ended; it only waits to be collected)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


# Step 1: start_server


def test_start_server_runs_the_courses_command_on_127_0_0_1(exercise, model):
    with exercise.start_server(2) as server:
        assert isinstance(server, tuple) and len(server) == 2, (
            f"start_server should yield (url, process), got {server!r}: look for the course's helper that "
            "gives both (src/course_helpers/servers.py).")
        url, process = server
        address = urlsplit(url)
        assert address.hostname == "127.0.0.1", f"Bind to 127.0.0.1 only, not {address.hostname!r}."
        assert process.args == server_command("flask", address.port, workers=2), (
            "Start the command the course writes once (the one `make serve-flask` runs), through its "
            f"helper, rather than a command of your own: got {process.args}.")
        workers = psutil.Process(process.pid).children()
        assert len(workers) == 2, f"gunicorn's master should have 2 worker processes, it has {len(workers)}."
        assert requests.get(f"{url}/api/health", timeout=30).status_code == 200, "The server should answer."
    assert process.poll() is not None, "The server should be stopped once the with block ends."


# Step 2: post_batches


def test_post_batches_answers_every_request_with_its_id(exercise, course_server):
    url, process = course_server
    request_ids = [f"check-post-{number}" for number in range(12)]
    statuses = exercise.post_batches(url, request_ids, concurrency=4)
    assert statuses == [200] * 12, f"Return one status per request id, in their order: got {statuses}."
    lines = access_lines(process, request_ids)
    logged = sorted(line["client_request_id"] for line in lines)
    assert logged == sorted(request_ids), (
        "The server's log should hold each of your request ids once: send each one as the X-Request-ID "
        f"header of its own request. Logged: {logged}.")
    paths = {line["path"] for line in lines}
    assert paths == {"/api/predict/batch"}, f"POST the batch to /api/predict/batch, not {paths}."


def test_post_batches_sends_concurrency_requests_at_once(exercise):
    server = ThreadingHTTPServer(("127.0.0.1", 0), InFlightCounter)
    server.daemon_threads = True
    server.seen = {"condition": threading.Condition(), "in flight": 0, "most at once": 0, "expected": 4}
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        exercise.post_batches(f"http://127.0.0.1:{server.server_port}", [f"at-once-{n}" for n in range(4)], 4)
    finally:
        server.shutdown()
        server.server_close()
    most = server.seen["most at once"]
    assert most == 4, (
        f"With concurrency=4, 4 requests should be in flight together; at most {most} were. Send them "
        "from several threads at once (Python's concurrent.futures), not one after the other.")


# Step 3: answering_pids


def test_answering_pids_reads_the_server_log(exercise, course_server):
    url, process = course_server
    request_ids = [f"check-pids-{number}" for number in range(24)]  # more log than server_output shows

    def post(request_id):
        return requests.post(f"{url}/api/predict/batch", json={"instances": [GENTOO] * 500},
                             headers={"X-Request-ID": request_id}, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(post, request_ids)) == {200}
    lines = access_lines(process, request_ids)
    first = request_ids[0]
    first_pid = {line["pid"] for line in lines if line["client_request_id"] == first}
    assert exercise.answering_pids(process, [first]) == first_pid, (
        f"Request {first} was answered by {first_pid}, found {exercise.answering_pids(process, [first])!r}. "
        "Read the whole log: see what server_output's limit does.")
    expected = {line["pid"] for line in lines}
    found = exercise.answering_pids(process, request_ids)
    assert found == expected, (
        f"These requests were answered by the processes {expected} (the pid field of their log lines); "
        f"answering_pids found {found!r}. Return a set of ints.")
    assert exercise.answering_pids(process, ["no-such-request"]) == set(), (
        "Keep only the lines of the requests asked about: no request, no pid.")


# Step 4: measure


def test_one_worker_answers_every_request_alone(exercise, model):
    run = measured(exercise, 1)
    assert set(run) >= REPORT_KEYS, (
        f"The report should have the keys {sorted(REPORT_KEYS)}, not {sorted(run)}.")
    assert run["answered"] == run["requests"] == exercise.REQUESTS, (
        f"Every request should be answered: {run['answered']} of {run['requests']} were "
        f"(the run should send REQUESTS = {exercise.REQUESTS}).")
    assert len(run["worker_pids"]) == 1, (
        f"With one worker, one process answers everything; the report names {run['worker_pids']}.")
    assert run["server_pid"] not in run["worker_pids"], "gunicorn's master answers nothing: its workers do."


def test_two_workers_share_concurrent_requests(exercise, model):
    run = measured(exercise, 2)
    assert run["answered"] == run["requests"] == exercise.REQUESTS, (
        f"Every request should be answered: {run['answered']} of {run['requests']} were.")
    assert len(run["worker_pids"]) == 2, (
        f"With two workers and {exercise.CONCURRENCY} requests at a time, both workers should answer; "
        f"the report names {run['worker_pids']}. Are the requests really sent at the same time, and "
        "do you read the pids of this run's requests only?")


def test_measure_sends_its_requests_concurrency_at_a_time(exercise, model):
    _, batches = measured_with_batches(exercise, 2)
    timed = [concurrency for count, concurrency in batches if count == exercise.REQUESTS]
    assert timed == [exercise.CONCURRENCY], (
        f"measure should send its {exercise.REQUESTS} timed requests with one call of your post_batches, "
        f"CONCURRENCY ({exercise.CONCURRENCY}) at a time: it called post_batches with (requests, "
        f"concurrency) = {batches}. Two workers can only share requests that arrive at the same time.")


def test_throughput_is_answered_requests_per_second(exercise, model):
    for workers in (1, 2):
        run = measured(exercise, workers)
        assert isinstance(run["seconds"], float) and run["seconds"] > 0, (
            f"seconds should be the run's duration, a float: got {run['seconds']!r}.")
        assert math.isclose(run["requests_per_second"], run["answered"] / run["seconds"]), (
            f"{workers} worker(s): requests_per_second should be answered / seconds, "
            f"{run['answered'] / run['seconds']:.3f}; got {run['requests_per_second']!r}.")


def test_a_finished_run_leaves_nothing_running(exercise, model):
    for workers in (1, 2):
        run = measured(exercise, workers)
        left = [pid for pid in [run["server_pid"], *run["worker_pids"]] if still_running(pid)]
        assert not left, f"{workers} worker(s): the processes {left} still run after the measurement."
        port = urlsplit(run["url"]).port
        assert port_is_free(port), f"Port {port} is still taken after the measurement: stop the server."
