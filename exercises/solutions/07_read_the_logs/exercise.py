"""Exercise 07 · Read the logs of a crash: a worked solution (see ../../07_read_the_logs/README.md)."""

import json
from pathlib import Path

# The log sits beside the starter. Found from the nearest folder named "exercises", so this file works
# both here and copied over the starter (as a student who compares their work might do).
EXERCISES = next(folder for folder in Path(__file__).resolve().parents if folder.name == "exercises")
CRASH_LOG = EXERCISES / "07_read_the_logs" / "crash.log"


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


# All five are read from crash.log, the chapter's failover section and deploy/nginx/penguin.conf. Every
# request in the log is a POST (1), so the method cannot be what nginx looked at. The failed ones were
# in flight when the instance was killed (2). The retried one was sent on, which nginx does only for a
# POST it never sent, so it could not even connect (3). It came 6 s after the failures, and nginx leaves
# a failed instance out for 5 s (max_fails=1 fail_timeout=5s), then tries it again (4). The chapter ran
# the same crash with non_idempotent, and nothing failed (5).
STATEMENTS = {
    "the retried request used another method than the requests that failed": False,
    "nginx had already sent the failed requests to the instance when it died": True,
    "nginx could connect to the crashed instance when it tried the retried request there": False,
    "nginx tried the crashed instance again because the time it leaves a failed one out had passed": True,
    "with non_idempotent added to proxy_next_upstream, nginx would have sent the failed requests on": True,
}

WHY = (
    "The failed requests were POSTs that nginx had already sent to the instance when it crashed: the "
    "instance may have acted on them, and a POST is not idempotent, so nginx does not send it again "
    "(proxy_next_upstream error timeout, without non_idempotent) and answers 503 instead. The retried "
    "request came seconds later, when nginx tried the dead instance again and could not even connect: "
    "a request that was never sent is safe to send to the next instance, so nginx did."
)
