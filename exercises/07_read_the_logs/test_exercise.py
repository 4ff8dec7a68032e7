"""Checks for exercise 07 · Read the logs of a crash. Run: make check EXERCISE=07_read_the_logs

They read crash.log themselves to know the true counts, and try your functions on a small log of
their own with the cases that trip a reader up: a blank line, a request nginx refused itself, a
retry that failed twice.
"""

import json
import re
from pathlib import Path

import pytest

A, B = "127.0.0.1:8401", "127.0.0.1:8402"
TRICKY_LOG = [
    {"request": "POST /api/predict HTTP/1.1", "status": 200, "upstream": A, "upstream_status": "200"},
    {"request": "POST /api/predict HTTP/1.1", "status": 413, "upstream": "", "upstream_status": ""},
    {"request": "POST /api/predict HTTP/1.1", "status": 200, "upstream": f"{A}, {B}",
     "upstream_status": "502, 200"},
    {"request": "GET /api/health HTTP/1.1", "status": 503, "upstream": f"{B}, {A}",
     "upstream_status": "502, 502"},
    {"request": "POST /api/predict HTTP/1.1", "status": 400, "upstream": B, "upstream_status": "400"},
]


CRASH_LOG = Path(__file__).with_name("crash.log")


def true_entries():
    """crash.log as the checks read it."""
    lines = CRASH_LOG.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


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
    assert exercise.failed_instances(TRICKY_LOG) == [A, B], (
        "both instances failed an attempt here: pair the addresses and statuses position by position")
    entries = true_entries()
    crashed = sorted({entry["upstream"].split(",")[0] for entry in entries
                      if entry["upstream_status"].startswith("502")})
    assert exercise.failed_instances(entries) == crashed, "in crash.log one instance crashed: which?"


def test_the_why_names_the_method_and_what_had_been_sent(exercise):
    words = re.findall(r"[\w']+", exercise.WHY)
    assert len(words) >= 30, f"explain in at least 30 words (you have {len(words)})"
    text = exercise.WHY.lower()
    assert "post" in text, "say which method the failed requests used, and why that matters to nginx"
    assert "connect" in text or "sent" in text, "say what differs: was it sent, or not even connected?"
