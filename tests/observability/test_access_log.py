"""One JSON line per request on the standard output, with what a person looks for in a log.

Every line fits in one atomic write to a pipe (``api_contract.log_lines``): a field the client makes
too long is cut and marked. test_log_pipe.py checks it through a real pipe read slowly.
"""

import json
import os
import time
from datetime import UTC, datetime, timedelta

import pytest

from api_contract.log_lines import MAX_LINE_BYTES

FIELDS = {"time", "request_id", "client_request_id", "client", "method", "path", "status", "duration_ms",
          "model_version", "pid"}


def test_a_request_writes_one_line_with_every_field(client, access_log, model):
    before = datetime.now(UTC)
    started = time.perf_counter()
    answer = client.get("/api/model", headers={"X-Request-ID": "look-me-up"})
    elapsed_ms = (time.perf_counter() - started) * 1000
    [line] = access_log()
    assert set(line) == FIELDS
    assert (line["request_id"], line["client_request_id"], line["client"]) == (
        answer.headers["X-Request-ID"], "look-me-up", "127.0.0.1")
    assert (line["method"], line["path"], line["status"]) == ("GET", "/api/model", 200)
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
    # PATH_INFO as gunicorn hands over /api/caf%C3%A9%0Anext%FF: one Latin-1 character per byte received
    # (werkzeug's test client would replace the byte that is no UTF-8 before the app sees it).
    client.get("/api/x?token=secret", environ_overrides={"PATH_INFO": "/api/caf\u00c3\u00a9\nnext\u00ff"})
    [line] = access_log()
    # Decoded as the client sent it, the newline escaped in the JSON, a byte that is no UTF-8 as \xff.
    assert line["path"] == "/api/café\nnext\\xff"
    assert "secret" not in str(line)


@pytest.mark.parametrize("character", ["a", "é", "\x01"], ids=["ascii", "accented", "control"])
def test_a_long_path_is_cut_to_keep_the_line_within_one_pipe_write(client, capsys, character):
    """Whatever the client sends, the line and its newline fit in PIPE_BUF, and the cut is marked."""
    capsys.readouterr()
    path = "/api/" + character * 20_000
    client.get(path, headers={"X-Request-ID": "x" * 20_000})
    [text] = capsys.readouterr().out.splitlines()
    line = json.loads(text)
    assert len(text.encode()) + 1 <= MAX_LINE_BYTES
    assert line["path_truncated"] is line["client_request_id_truncated"] is True
    assert path.startswith(line["path"]) and len(line["path"]) > 100
    assert line["status"] == 404


def test_a_line_that_fits_is_not_marked(client, access_log):
    client.get("/api/health", headers={"X-Request-ID": "short"})
    assert not any(key.endswith("_truncated") for key in access_log()[0])
