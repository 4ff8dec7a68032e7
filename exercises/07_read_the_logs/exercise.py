"""Exercise 07 · Read the logs of a crash (see README.md).

Fill in the gaps marked TODO, then run: make check EXERCISE=07_read_the_logs
"""

import json  # noqa: F401 - each line of the log is one JSON object
from pathlib import Path

CRASH_LOG = Path(__file__).with_name("crash.log")


def read_log(path=CRASH_LOG):
    """The log's entries, one dict per non-blank line, in order."""
    # TODO 1: read the file as text; json.loads turns one line into a dict.
    raise NotImplementedError("Exercise 1: read the log's lines (see README.md).")


def outcome(entries):
    """Counts: "requests", "answered" (200), "failed" (500 or more) and "refused by nginx"."""
    # TODO 2: one pass over the entries. Which field says that nginx asked no instance at all?
    raise NotImplementedError("Exercise 2: count the outcomes (see README.md).")


def retried(entries):
    """The entries for which nginx tried more than one instance."""
    # TODO 3: look at the `upstream` of the retried request in crash.log first.
    raise NotImplementedError("Exercise 3: find the retried requests (see README.md).")


def failed_instances(entries):
    """The sorted addresses of the instances that failed at least one attempt."""
    # TODO 4: pair each attempt's address with its status, position by position.
    raise NotImplementedError("Exercise 4: find the instances that failed (see README.md).")


# TODO 5: is each statement true of crash.log? Replace each None with True or False (README.md, step 5).
STATEMENTS = {
    "the retried request used another method than the requests that failed": None,
    "nginx had already sent the failed requests to the instance when it died": None,
    "nginx could connect to the crashed instance when it tried the retried request there": None,
    "nginx tried the crashed instance again because the time it leaves a failed one out had passed": None,
    "with non_idempotent added to proxy_next_upstream, nginx would have sent the failed requests on": None,
}

# ...then say in your own words, in at least 30, why nginx retried one request of this log on the other
# instance and not the ones that failed.
WHY = ""
