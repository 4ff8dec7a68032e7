"""A wrong answer to exercise 07 · Read the logs: the explanation blames the method. It says that nginx
never resends a POST and that the retried request was a GET, which nginx could connect to and resend.

crash.log says otherwise: the retried request was a POST too. What nginx looked at was whether it had
already sent the request. This WHY uses the words "POST", "sent" and "connect", so a check that only
looked for words could not tell it from a true one.
"""

import json
from pathlib import Path

# The log sits beside the starter. Found from the nearest folder named "exercises", so this file works
# both here and copied over the starter (as a student who compares their work might do).
EXERCISES = next(folder for folder in Path(__file__).resolve().parents if folder.name == "exercises")
CRASH_LOG = EXERCISES / "07_read_the_logs" / "crash.log"

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_the_statements_about_the_crash_are_judged_from_the_log", "the `request` field")


def read_log(path=CRASH_LOG):
    """The log's entries, one dict per non-blank line, in order."""
    # Why JSON lines: each line stands alone, so a log cut anywhere (rotated, excerpted) still reads.
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def outcome(entries):
    """Counts: "requests", "answered" (200), "failed" (500 or more) and "refused by nginx"."""
    # Why `upstream` and not the status: nginx's own refusals (413, 400) have no instance in `upstream`,
    # and the same statuses can come from an instance too.
    return {
        "requests": len(entries),
        "answered": sum(1 for entry in entries if entry["status"] == 200),
        "failed": sum(1 for entry in entries if entry["status"] >= 500),
        "refused by nginx": sum(1 for entry in entries if not entry["upstream"]),
    }


def attempts(entry):
    """``(address, status)`` for each instance nginx tried for this request, in order."""
    addresses = [part.strip() for part in entry["upstream"].split(",") if part.strip()]
    statuses = [part.strip() for part in entry["upstream_status"].split(",") if part.strip()]
    return list(zip(addresses, statuses, strict=True))


def retried(entries):
    """The entries for which nginx tried more than one instance."""
    # nginx lists every instance it tried, separated by commas: two means the first one failed.
    return [entry for entry in entries if len(attempts(entry)) > 1]


def failed_instances(entries):
    """The sorted addresses of the instances that failed at least one attempt."""
    # A 502 in upstream_status is nginx's note that this instance gave no answer; the request's own
    # status may still be 200 if the next instance answered.
    return sorted({address for entry in entries for address, status in attempts(entry) if status == "502"})


# wrong: the method is taken for what decided, without reading the retried request's line
STATEMENTS = {
    "the retried request used another method than the requests that failed": True,
    "nginx had already sent the failed requests to the instance when it died": True,
    "nginx could connect to the crashed instance when it tried the retried request there": True,
    "nginx tried the crashed instance again because the time it leaves a failed one out had passed": True,
    "with non_idempotent added to proxy_next_upstream, nginx would have sent the failed requests on": True,
}

WHY = (
    "The failed requests were POSTs, and nginx never sends a POST to a second instance, because a POST "
    "is not idempotent: it answered 503 instead. The retried request was a GET, a health check: nginx "
    "could connect to the crashed instance and had sent it there, but a GET is safe to repeat, so nginx "
    "sent it again to the other instance."
)
