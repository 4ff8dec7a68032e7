"""Simulated clients that classify penguins, one request after another: the load of chapter 07.

By hand, with locust's own page at http://127.0.0.1:8089 (or with no page at all)::

    locust -f bench/locustfile.py --host http://127.0.0.1:8400 --web-host 127.0.0.1
    locust -f bench/locustfile.py --host http://127.0.0.1:8400 --headless -u 8 -t 30s

``bench.locust_run`` runs it headless for the chapter, the tests and `python -m bench workers`.

Every simulated user sends its next request as soon as the last one is answered (no think time),
so the load is as high as the server lets it be. Each answer is counted under the model version that
gave it ("POST /api/predict · model 1.1.0"): a roll-out shows in locust's table as one row per version.
A request whose kept-alive connection the server closed before reading it is sent again, once, and
counted on a row of its own.
``--max-requests N`` stops the run after N requests in all, whatever the time limit.
``--final-stats FILE`` writes what locust counted, as JSON, once the last request has ended: its CSV
files are written once a second while it runs, not at the end, so they miss the last second.
"""

import json
import time

import gevent
from geventhttpclient.response import HTTPConnectionClosed
from locust import FastHttpUser, events, task
from locust.exception import StopUser
from locust.stats import StatsError

from penguin_model.examples import GENTOO

PREDICT = "/api/predict"
RESENT = f"{PREDICT} · connection closed before the request was read, sent again"


@events.test_start.add_listener
def note_cpu_at_start(environment, **_):
    environment.cpu_and_clock_at_start = (time.process_time(), time.perf_counter())


@events.test_stop.add_listener
def print_cpu_share(environment, **_):
    """locust's own CPU time while it sent load, as a share of one core: what the servers did not get."""
    cpu, clock = environment.cpu_and_clock_at_start
    share = 100 * (time.process_time() - cpu) / max(time.perf_counter() - clock, 1e-9)
    print(f"LOCUST_CPU_PERCENT {share:.1f}", flush=True)


@events.test_stop.add_listener
def write_final_stats(environment, **_):
    """Every figure locust counted, once every simulated user has stopped (``bench.locust_run`` reads it)."""
    path = environment.parsed_options.final_stats
    if not path:
        return
    stats = environment.stats
    entries = [*sorted(stats.entries.values(), key=lambda entry: (entry.name, entry.method)), stats.total]
    figures = {
        "rows": [{"method": entry.method or "", "name": entry.name, "requests": entry.num_requests,
                  "failures": entry.num_failures, "requests/s": entry.total_rps,
                  **{f"p{percent} ms": entry.get_response_time_percentile(percent / 100) if entry.num_requests
                     else None for percent in (50, 90, 99)},
                  "max ms": entry.max_response_time if entry.num_requests else None} for entry in entries],
        # As locust's own failures file words them (StatsError.parse_error).
        "failures": [{"Method": error.method, "Name": error.name,
                      "Error": StatsError.parse_error(error.error), "Occurrences": error.occurrences}
                     for error in stats.errors.values()],
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(figures, file)


@events.init_command_line_parser.add_listener
def add_options(parser):
    parser.add_argument("--max-requests", type=int, default=0, help="stop after N requests (0: no limit)")
    parser.add_argument("--final-stats", default="", help="write the final figures to this JSON file")


class PenguinClient(FastHttpUser):
    """One client: POST one penguin, read the answer, repeat."""

    sent = 0  # by every user of this process: locust's users are greenlets of one thread
    quitting = False

    @task
    def predict(self):
        limit = self.environment.parsed_options.max_requests
        if limit and PenguinClient.sent >= limit:
            # quit() stops every user and waits for them: called from this user's own greenlet it waits for
            # itself, and the run went on to its time limit. A greenlet of its own ends the run at once.
            if not PenguinClient.quitting:
                PenguinClient.quitting = True
                gevent.spawn(self.environment.runner.quit)
            raise StopUser
        PenguinClient.sent += 1
        if self.post_penguin() == "closed while idle":
            self.post_penguin()

    def post_penguin(self):
        with self.client.post(PREDICT, json=GENTOO, catch_response=True) as response:
            if response.status_code == 200:
                response.request_meta["name"] = f"{PREDICT} · model {response.json()['model_version']}"
            elif isinstance(getattr(response, "error", None), HTTPConnectionClosed):
                # The server closed this kept-alive connection before reading the request (nginx does
                # when it reloads), so nothing was done: like a browser, send it again, once, and count it.
                response.request_meta["name"] = RESENT
                response.success()
                return "closed while idle"
        return "answered or failed"
