"""Every answer carries a request id and the model version, in both apps.

A sane X-Request-ID from the client (or from nginx in front) is kept, so one id follows a request
through every log; anything else is replaced by a fresh one, never echoed back.
"""

import re

import pytest

NEW_ID = re.compile(r"[0-9a-f]{32}")  # uuid4().hex


@pytest.mark.parametrize("offered", ["0f8e5d4c3b2a19081726354453627180", "checkout-42_retry.1", "x" * 200],
                         ids=["nginx-request-id", "punctuation", "longest"])
def test_a_sane_request_id_is_kept(client, offered):
    answer = client.get("/api/health", headers={"X-Request-ID": offered})
    assert answer.headers["X-Request-ID"] == offered


def test_without_a_request_id_each_answer_gets_a_new_one(client):
    first, second = (client.get("/api/health").headers["X-Request-ID"] for _ in range(2))
    assert NEW_ID.fullmatch(first) and NEW_ID.fullmatch(second)
    assert first != second


@pytest.mark.parametrize("offered", ["x" * 201, "", "two words", "café", "id;drop", "<script>", "a/b"],
                         ids=["too-long", "empty", "space", "non-ascii", "semicolon", "markup", "slash"])
def test_a_malformed_request_id_is_replaced(client, offered, access_log):
    answer = client.get("/api/health", headers={"X-Request-ID": offered})
    replaced = answer.headers["X-Request-ID"]
    assert NEW_ID.fullmatch(replaced), replaced
    assert [line["request_id"] for line in access_log()] == [replaced]


@pytest.mark.parametrize("path", ["/api/health", "/api/nowhere", "/", "/metrics"])
def test_every_answer_names_the_model_version(client, model, path):
    answer = client.get(path)
    assert answer.headers["X-Model-Version"] == model.version
    assert answer.headers["X-Request-ID"]
