"""Schema fuzzing: schemathesis generates requests from docs/openapi.yaml and checks every answer.

It sends valid and invalid bodies (wrong types, missing fields, odd unicode, out-of-range
numbers, unexpected keys) to the real gunicorn server and checks that no answer is a 5xx and
that each one matches the contract.
"""

import pytest

from tests.contract.openapi_contract import OPENAPI_PATH
from tests.contract.targets import flask_server

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev tool: `make setup-dev`")
from hypothesis import HealthCheck, settings  # noqa: E402 - hypothesis comes with schemathesis

schema = schemathesis.openapi.from_path(OPENAPI_PATH)


@pytest.fixture(scope="module")
def flask_url(model_dir):
    with flask_server(model_dir) as url:
        yield url


@schema.parametrize()
# database=None: write no example database (.hypothesis/) into the repository.
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_get_contract_answers(case, flask_url):
    case.call_and_validate(base_url=flask_url)
