"""The 1 MiB body limit holds under uvicorn, which sets none of its own, however the body is sent.

A chunked body over the limit is refused on every real server by the contract suite (tests/contract).
"""

import pytest
import requests

from api_contract import MAX_BODY_BYTES
from course_helpers.servers import serving


@pytest.fixture(scope="module")
def server_url(model_dir):
    with serving("fastapi", model_dir=model_dir, workers=1) as url:
        yield url


def test_a_chunked_body_at_the_limit_is_read_whole(server_url):
    chunks = (b" " * 65_536 for _ in range(MAX_BODY_BYTES // 65_536))  # exactly the limit
    answer = requests.post(f"{server_url}/api/predict", data=chunks, timeout=30,
                           headers={"Content-Type": "application/json"})
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_json")  # blanks are no JSON
    assert requests.get(f"{server_url}/api/health", timeout=10).status_code == 200
