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


# TODO 5: why did nginx retry one request of this log, and not the ones that failed? At least 30 words.
WHY = ""
