"""The 1 MiB body limit holds however the body is sent: with a Content-Length, or in chunks."""

import io

import pytest
import requests

from api_contract import MAX_BODY_BYTES
from course_helpers.servers import serving
from tests.support.needs import require_gunicorn


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


@pytest.mark.parametrize("wsgi_server", ["gunicorn", "waitress"])
def test_the_server_refuses_a_chunked_body_over_the_limit(model_dir, wsgi_server):
    """gunicorn passes the chunks on as they come; waitress joins them first and passes a Content-Length."""
    if wsgi_server == "gunicorn":
        require_gunicorn()
    chunks = (b" " * 65_536 for _ in range(MAX_BODY_BYTES // 65_536 + 1))  # a generator: sent chunked
    with serving("flask", model_dir=model_dir, workers=1, wsgi_server=wsgi_server) as url:
        answer = requests.post(f"{url}/api/predict", data=chunks, timeout=30,
                               headers={"Content-Type": "application/json"})
        assert (answer.status_code, answer.json()["error"]) == (413, "payload_too_large")
        assert requests.get(f"{url}/api/health", timeout=10).status_code == 200
