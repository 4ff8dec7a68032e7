"""Exercise 03 · Worker counts: serve the Flask app with 1 and then 2 gunicorn workers, and measure.

Fill in each gap marked TODO (README.md says what each function does), then run:

make check EXERCISE=03_worker_counts

and, to see your own figures: .venv/bin/python exercises/03_worker_counts/exercise.py
"""

import json  # noqa: F401 - you will need it
import time
import uuid
from concurrent.futures import ThreadPoolExecutor  # noqa: F401 - you will need it

import requests  # noqa: F401 - you will need it

from course_helpers.processes import server_output
from penguin_model.examples import GENTOO

BATCH = {"instances": [GENTOO] * 500}  # a few milliseconds of work for a worker, so requests overlap
REQUESTS = 32
CONCURRENCY = 8
WARM_UP_SECONDS = 30


def start_server(workers):
    """The Flask app under gunicorn with ``workers`` workers on a free port of 127.0.0.1.

    A context manager: ``with start_server(2) as (url, process):``; the server stops when the block ends.
    """
    # TODO: return the course's own way of starting this server (src/course_helpers/servers.py).
    raise NotImplementedError("Step 1: start the server with the course's helper (see README.md).")


def post_batches(base_url, request_ids, concurrency):
    """POST ``BATCH`` once per request id, ``concurrency`` at a time; the statuses, in the ids' order."""
    # TODO: send each request with its id in the X-Request-ID header, several at once.
    raise NotImplementedError("Step 2: send the batches concurrently (see README.md).")


def answering_pids(process, request_ids):
    """The process ids of the workers that answered these requests, from the server's JSON access log."""
    # TODO: read what the server printed, keep the lines of these requests, collect their pids.
    raise NotImplementedError("Step 3: find which workers answered (see README.md).")


def warm_up(base_url, process, workers, seconds=WARM_UP_SECONDS):
    """Send untimed requests until every worker has answered one, or ``seconds`` have passed.

    gunicorn's server answers as soon as one worker is ready; the others may still be loading the
    app. A run timed before they are ready would measure fewer workers than were asked for.
    (Given: it uses your post_batches and answering_pids.)
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
    # TODO: return the report README.md describes; time only the requests you count.
    raise NotImplementedError("Step 4: measure one run and report it (see README.md).")


def main():
    """Print one line per run, 1 then 2 workers, for you to compare (run this file)."""
    for workers in (1, 2):
        run = measure(workers)
        print(f"{workers} worker(s): {run['answered']}/{run['requests']} answered by "
              f"{len(run['worker_pids'])} process(es), {run['requests_per_second']:.1f} requests/s")


if __name__ == "__main__":
    main()
