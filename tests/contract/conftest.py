"""Run every contract test once per registered target (see ``targets.py`` to add one).

Each target is started once per test module and reused by every test in it, so a real server
answers the whole module's requests in a row; each module ends by checking it is still up.
Every answer is checked against docs/openapi.yaml before the test sees it.
"""

import importlib
from pathlib import Path

import pytest

from tests.contract import targets
from tests.contract.openapi_contract import assert_matches_contract

# Importing each targets_*.py registers the targets it defines (Django's, for example).
for plugin in sorted(Path(__file__).parent.glob("targets_*.py")):
    importlib.import_module(f"tests.contract.{plugin.stem}")


class ContractCheckingClient:
    """Wraps a target's client: every answer must be JSON that the contract allows."""

    def __init__(self, client, target_name):
        self.client = client
        self.target_name = target_name

    def request(self, method, path, *, body=None, content_type=None):
        answer = self.client.request(method, path, body=body, content_type=content_type)
        assert answer.status < 500, f"{method} {path} caused a server error: {answer.body[:300]!r}"
        assert_matches_contract(method, path, answer)
        return answer


@pytest.fixture(scope="module", params=sorted(targets.TARGETS))
def api(request, model_dir):
    """A client of one running implementation of the API."""
    with targets.TARGETS[request.param](model_dir) as client:
        yield ContractCheckingClient(client, request.param)


def pytest_terminal_summary(terminalreporter):
    if targets.REQUEST_COUNTS:
        counts = ", ".join(f"{name}: {count}" for name, count in sorted(targets.REQUEST_COUNTS.items()))
        terminalreporter.write_line(f"contract requests sent per target: {counts}")
