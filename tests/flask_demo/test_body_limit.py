"""The 1 MiB body limit holds however the body is sent: with a Content-Length, or in chunks.

Here in process, with the environment gunicorn gives a chunked body (``api_contract.chunked`` reads it
whole); the contract suite sends chunked bodies to every real server (``tests/contract``).
"""

import io

import pytest

from api_contract import MAX_BODY_BYTES


def chunked_post(client, body):
    """POST ``body`` with no Content-Length, as a server passes on a chunked request."""
    return client.post(
        "/api/predict",
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},  # what gunicorn says for chunked bodies
    )


@pytest.mark.parametrize("size", [MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES])
def test_a_chunked_body_over_the_limit_is_refused(client, size):
    answer = chunked_post(client, b" " * size)
    assert (answer.status_code, answer.json["error"]) == (413, "payload_too_large")


def test_a_chunked_body_at_the_limit_is_read_whole(client):
    # Exactly at the limit: read and parsed (and refused only because blanks are no JSON).
    answer = chunked_post(client, b" " * MAX_BODY_BYTES)
    assert (answer.status_code, answer.json["error"]) == (400, "invalid_json")
