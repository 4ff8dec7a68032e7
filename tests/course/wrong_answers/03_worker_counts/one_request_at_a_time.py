"""A wrong answer to exercise 03 · Worker counts: ``measure`` ignores ``concurrency`` and sends one request
at a time. Both workers still answer (one after the other), so counting pids alone cannot catch it.
"""

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from course_helpers.processes import server_output
from course_helpers.servers import serving_with_process
from penguin_model.examples import GENTOO

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_measure_sends_its_requests_concurrency_at_a_time", "CONCURRENCY (8) at a time")

BATCH = {"instances": [GENTOO] * 500}  # a few milliseconds of work for a worker, so requests overlap
REQUESTS = 32
CONCURRENCY = 8
WARM_UP_SECONDS = 30


def start_server(workers):
    """The Flask app under gunicorn with ``workers`` workers on a free port of 127.0.0.1.

    A context manager: ``with start_server(2) as (url, process):``; the server stops when the block ends.
    """
    # The course's helper runs the command `make serve-flask` runs, binds 127.0.0.1 on a free port,
    # waits for /api/health and always stops the server: nothing to retype, nothing left running.
    return serving_with_process("flask", workers=workers)


def post_batches(base_url, request_ids, concurrency):
    """POST ``BATCH`` once per request id, ``concurrency`` at a time; the statuses, in the ids' order."""

    def post(request_id):
        # The id travels with the request, so the server's log line can be matched to it.
        answer = requests.post(f"{base_url}/api/predict/batch", json=BATCH,
                               headers={"X-Request-ID": request_id}, timeout=60)
        return answer.status_code

    # Threads, because each one mostly waits for the server; pool.map keeps the ids' order.
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(post, request_ids))


def answering_pids(process, request_ids):
    """The process ids of the workers that answered these requests, from the server's JSON access log."""
    wanted = set(request_ids)
    output = server_output(process, limit=10**8)  # the whole log, not only its end
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    # The id each request was sent with is the client's; the server logs its own id beside it.
    return {line["pid"] for line in lines if line["client_request_id"] in wanted}


def warm_up(base_url, process, workers, seconds=WARM_UP_SECONDS):
    """Send untimed requests until every worker has answered one, or ``seconds`` have passed.

    gunicorn's server answers as soon as one worker is ready; the others may still be loading the
    app. A run timed before they are ready would measure fewer workers than were asked for.
    """
    deadline = time.monotonic() + seconds
    seen = set()
    while len(seen) < workers and time.monotonic() < deadline:
        request_ids = [f"warm-up-{uuid.uuid4().hex}" for _ in range(2 * workers)]
        post_batches(base_url, request_ids, concurrency=2 * workers)
        wait_for_log_lines(process, request_ids)
        seen |= answering_pids(process, request_ids)


def wait_for_log_lines(process, request_ids, seconds=10):
    """Wait until the server's output names every one of these requests, or ``seconds`` have passed.

    The apps write a request's log line just after its answer has gone out, so a client can hold the
    last answer a moment before that line is in the log. (Given.)
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = server_output(process, limit=10**8)
        if all(request_id in output for request_id in request_ids):
            return
        time.sleep(0.05)


def measure(workers, request_count=REQUESTS, concurrency=CONCURRENCY):
    """One run: start the server, warm it up, send ``request_count`` batches, count, stop; the report."""
    request_ids = [uuid.uuid4().hex for _ in range(request_count)]
    with start_server(workers) as (url, process):
        warm_up(url, process, workers)
        started = time.perf_counter()
        statuses = post_batches(url, request_ids, 1)  # wrong: ignores concurrency
        seconds = time.perf_counter() - started
        wait_for_log_lines(process, request_ids)
        pids = answering_pids(process, request_ids)
        server_pid = process.pid
    answered = statuses.count(200)
    return {"workers": workers, "requests": request_count, "answered": answered,
            "worker_pids": sorted(pids), "server_pid": server_pid, "url": url,
            "seconds": seconds, "requests_per_second": answered / seconds}


def main():
    """Print one line per run, 1 then 2 workers, for you to compare (run this file)."""
    for workers in (1, 2):
        run = measure(workers)
        print(f"{workers} worker(s): {run['answered']}/{run['requests']} answered by "
              f"{len(run['worker_pids'])} process(es), {run['requests_per_second']:.1f} requests/s")


if __name__ == "__main__":
    main()
