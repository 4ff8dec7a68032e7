"""Schema fuzzing: schemathesis generates requests from docs/openapi.yaml and checks every answer.

It sends valid and invalid bodies (wrong types, missing fields, odd unicode, out-of-range
numbers, unexpected keys) to each real gunicorn server, Flask's and Django's, and checks that no
answer is a 5xx and that each one matches the contract.
"""

import pytest

from api_contract.openapi import OPENAPI_PATH
from tests.support.api_targets import TARGETS

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev tool: `make setup-dev`")
from hypothesis import HealthCheck, settings  # noqa: E402 - hypothesis comes with schemathesis

schema = schemathesis.openapi.from_path(OPENAPI_PATH)


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
    case.call_and_validate(base_url=server_url)
