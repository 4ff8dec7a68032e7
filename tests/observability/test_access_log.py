"""One JSON line per request on the standard output, with what a person looks for in a log."""

import os
import time
from datetime import UTC, datetime, timedelta

import pytest

FIELDS = {"time", "request_id", "method", "path", "status", "duration_ms", "model_version", "pid"}


def test_a_request_writes_one_line_with_every_field(client, access_log, model):
    before = datetime.now(UTC)
    started = time.perf_counter()
    client.get("/api/model", headers={"X-Request-ID": "look-me-up"})
    elapsed_ms = (time.perf_counter() - started) * 1000
    [line] = access_log()
    assert set(line) == FIELDS
    assert (line["request_id"], line["method"], line["path"], line["status"]) == ("look-me-up", "GET",
                                                                                  "/api/model", 200)
    assert (line["model_version"], line["pid"]) == (model.version, os.getpid())
    assert 0 < line["duration_ms"] <= elapsed_ms  # measured inside the client's own measurement
    logged = datetime.fromisoformat(line["time"])
    assert logged.utcoffset() == timedelta(0)
    assert before - timedelta(milliseconds=1) <= logged <= datetime.now(UTC)  # the time is written in ms


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/nowhere", 404),
    ("GET", "/api/predict", 405),
    ("POST", "/api/predict", 415),  # no JSON body
    ("GET", "/", 200),  # the HTML form
    ("GET", "/metrics", 200),
])
def test_every_answer_is_logged_with_its_status(client, access_log, method, path, status):
    answer = client.open(path, method=method)
    assert answer.status_code == status
    logged = [(line["method"], line["path"], line["status"]) for line in access_log()]
    assert logged == [(method, path, status)]


def test_a_line_stays_one_line_and_leaves_the_query_out(client, access_log):
    client.get("/api/caf%C3%A9%0Anext?token=secret")
    [line] = access_log()
    assert line["path"] == "/api/café\nnext"  # decoded as the client sent it, newline escaped in the JSON
    assert "secret" not in str(line)
