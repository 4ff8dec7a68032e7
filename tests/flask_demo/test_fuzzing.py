"""Schema fuzzing: schemathesis generates requests from docs/openapi.yaml and checks every answer.

It sends valid and invalid bodies (wrong types, missing fields, odd unicode, out-of-range
numbers, unexpected keys) to the real gunicorn server and checks that no answer is a 5xx and
that each one matches the contract.
"""

import os

import pytest

from penguin_model.serving import free_port, python_command, running_server
from tests.contract.openapi_contract import OPENAPI_PATH
from tests.contract.targets import APPS_DIR, REPO_ROOT

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev tool: `make setup-dev`")
from hypothesis import HealthCheck, settings  # noqa: E402 - hypothesis comes with schemathesis

schema = schemathesis.openapi.from_path(OPENAPI_PATH)


@pytest.fixture(scope="module")
def flask_server(model_dir):
    port = free_port()
    command = python_command(
        "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--no-control-socket",
        "--chdir", str(APPS_DIR), "flask_demo:create_app()",
    )
    url = f"http://127.0.0.1:{port}"
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    with running_server(command, f"{url}/api/health", env=environment, cwd=REPO_ROOT):
        yield url


@schema.parametrize()
# database=None: write no example database (.hypothesis/) into the repository.
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_get_contract_answers(case, flask_server):
    case.call_and_validate(base_url=flask_server)
