"""Checks for exercise 07 · Read the logs of a crash. Run: make check EXERCISE=07_read_the_logs

They read crash.log themselves to know the true counts, and try your functions on a small log of
their own with the cases that trip a reader up: a blank line, a request nginx refused itself, a
retry that failed twice, an instance that failed only as the second one tried.
"""

import json
import re
from pathlib import Path

import pytest

A, B, C = "127.0.0.1:8401", "127.0.0.1:8402", "127.0.0.1:8403"
TRICKY_LOG = [
    {"request": "POST /api/predict HTTP/1.1", "status": 200, "upstream": A, "upstream_status": "200"},
    {"request": "POST /api/predict HTTP/1.1", "status": 413, "upstream": "", "upstream_status": ""},
    {"request": "POST /api/predict HTTP/1.1", "status": 200, "upstream": f"{A}, {B}",
     "upstream_status": "502, 200"},
    {"request": "GET /api/health HTTP/1.1", "status": 503, "upstream": f"{A}, {C}",
     "upstream_status": "502, 502"},
    {"request": "POST /api/predict HTTP/1.1", "status": 400, "upstream": B, "upstream_status": "400"},
]
FAILED_IN_TRICKY_LOG = [A, C]  # B answered both of its attempts; C failed as the second one tried

# Step 5: the statements of the starter, and whether each is true of crash.log, with where to look.
STATEMENTS = {
    "the retried request used another method than the requests that failed": (
        False, "compare the `request` field of the retried request's line with the failed ones'"),
    "nginx had already sent the failed requests to the instance when it died": (
        True, "the chapter's failover section says which requests nginx fails rather than retries"),
    "nginx could connect to the crashed instance when it tried the retried request there": (
        False, "the comment on proxy_next_upstream in deploy/nginx/penguin.conf says which requests nginx "
               "sends on to the next instance; the retried request's line says which kind it was"),
    "nginx tried the crashed instance again because the time it leaves a failed one out had passed": (
        True, "compare the `time` of the failures and of the retried request with the comment on the "
              "upstream block in deploy/nginx/penguin.conf"),
    "with non_idempotent added to proxy_next_upstream, nginx would have sent the failed requests on": (
        True, "the chapter's failover section runs the same crash with that setting"),
}


CRASH_LOG = Path(__file__).with_name("crash.log")


def true_entries():
    """crash.log as the checks read it."""
    lines = CRASH_LOG.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def attempts(entry):
    """``(address, status)`` of each instance nginx tried for this entry, in order."""
    addresses, statuses = entry["upstream"].split(", "), entry["upstream_status"].split(", ")
    return list(zip(addresses, statuses, strict=True)) if entry["upstream"] else []


@pytest.fixture
def tricky_log_file(tmp_path):
    path = tmp_path / "tricky.log"
    lines = [json.dumps(entry) for entry in TRICKY_LOG]
    path.write_text("\n".join(lines[:2] + [""] + lines[2:]) + "\n", encoding="utf-8")
    return path


def test_read_log_gives_one_dict_per_line(exercise, tricky_log_file):
    entries = exercise.read_log(tricky_log_file)
    assert entries == TRICKY_LOG, "one dict per non-blank line, in the file's order (json.loads each line)"
    assert exercise.read_log() == true_entries(), "with no argument, read crash.log"


def test_outcome_counts_what_the_load_tester_saw(exercise):
    entries = true_entries()
    expected = {"requests": len(entries),
                "answered": sum(entry["status"] == 200 for entry in entries),
                "failed": sum(entry["status"] >= 500 for entry in entries),
                "refused by nginx": sum(not entry["upstream"] for entry in entries)}
    assert exercise.outcome(entries) == expected, "count crash.log's entries (README.md, step 2)"


def test_outcome_tells_nginx_refusals_apart(exercise):
    counts = exercise.outcome(TRICKY_LOG)
    assert counts["refused by nginx"] == 1, (
        "the 413 had no instance in `upstream`: nginx answered it alone; the 400 came from an instance")
    assert (counts["requests"], counts["answered"], counts["failed"]) == (5, 2, 1)


def test_retried_finds_every_request_tried_on_two_instances(exercise):
    assert exercise.retried(TRICKY_LOG) == [TRICKY_LOG[2], TRICKY_LOG[3]], (
        "a retried request lists its instances separated by commas, whatever its final status")
    entries = true_entries()
    assert exercise.retried(entries) == [entry for entry in entries if "," in entry["upstream"]]


def test_failed_instances_pairs_each_attempt_with_its_status(exercise):
    found = exercise.failed_instances(TRICKY_LOG)
    assert found == FAILED_IN_TRICKY_LOG, (
        f"In the checks' small log you found {found}. Pair the addresses in `upstream` with the statuses "
        "in `upstream_status` position by position: an instance failed an attempt where its own status is "
        "502, whatever the other attempts of that request got.")
    entries = true_entries()
    crashed = sorted({address for entry in entries for address, status in attempts(entry) if status == "502"})
    assert exercise.failed_instances(entries) == crashed, "in crash.log one instance crashed: which?"


def test_the_statements_about_the_crash_are_judged_from_the_log(exercise):
    answers = exercise.STATEMENTS
    assert set(answers) == set(STATEMENTS), (
        "Keep the statements of STATEMENTS as they are written in the starter; set only each value.")
    unanswered = [statement for statement, answer in answers.items() if not isinstance(answer, bool)]
    assert not unanswered, f"Set each statement to True or False; these are not: {unanswered}"
    wrong = [f"- {statement!r}: {where}" for statement, (truth, where) in STATEMENTS.items()
             if answers[statement] != truth]
    if wrong:
        pytest.fail("These statements do not fit crash.log; look again:\n" + "\n".join(wrong), pytrace=False)


def test_the_why_is_explained_in_at_least_30_words(exercise):
    words = re.findall(r"[\w']+", exercise.WHY)
    assert len(words) >= 30, f"explain in at least 30 words (you have {len(words)})"
