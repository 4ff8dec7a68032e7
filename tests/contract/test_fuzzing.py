"""Schema fuzzing: schemathesis generates requests from docs/openapi.yaml and checks every answer.

It sends valid and invalid bodies (wrong types, missing fields, odd unicode, out-of-range
numbers, unexpected keys) to each real gunicorn server, Flask's and Django's, and checks that no
answer is a 5xx and that each one matches the contract.
"""

import re
import uuid

import pytest

from api_contract.openapi import OPENAPI_PATH
from tests.support.api_targets import TARGETS

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev tool: `make setup-dev`")
from hypothesis import HealthCheck, settings  # noqa: E402 - hypothesis comes with schemathesis

schema = schemathesis.openapi.from_path(OPENAPI_PATH)


VALID_KEY = re.compile(schema.raw_schema["components"]["parameters"]["IdempotencyKey"]["schema"]["pattern"])
SERVERS = ["flask-gunicorn", "django-gunicorn", "fastapi-uvicorn", "streamlit-server"]


@pytest.fixture(scope="module", params=SERVERS)
def server_url(request, model_dir):
    """The base URL of one real server."""
    with TARGETS[request.param](model_dir) as client:
        yield client.base_url


@schema.parametrize()
# database=None: write no example database (.hypothesis/) into the repository.
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_get_contract_answers(case, server_url):
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and VALID_KEY.fullmatch(key):
        # A client's key is unique to its request; hypothesis repeats short keys with other bodies, which
        # Django rightly refuses (422, tests/django_demo/test_idempotency.py). Invalid keys stay as made.
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
    case.call_and_validate(base_url=server_url)
