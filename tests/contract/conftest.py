"""Run every contract test once per target (``tests/support/api_targets.py``).

Each target is started once for the whole package and reused by every test of it (``api`` is
package-scoped, so pytest runs all of one target's tests, module after module, before it starts the
next: one server runs at a time). A real server answers every module's requests in a row; each module
ends by checking it is still up.
Every answer is checked against docs/openapi.yaml before the test sees it, and only then is a
5xx reported, so a server error with an unlisted code is named as such.

A test marked ``real_servers`` sends bytes over a connection (a chunked body, a broken one): it runs
against the targets that are real servers only, and is deselected for the in-process test clients,
which have no connection to send them over.
"""

import pytest

from tests.support.api_clients import REQUEST_COUNTS
from tests.support.api_targets import TARGETS
from tests.support.contract_check import assert_matches_contract

IN_PROCESS = {name for name in TARGETS if name.endswith("-test-client")}


def pytest_configure(config):
    config.addinivalue_line("markers", "real_servers: run only against the targets that are real servers")


def pytest_collection_modifyitems(config, items):
    """Deselect the ``real_servers`` tests of the in-process targets (see the module docstring)."""
    def in_process(item):
        target = getattr(item, "callspec", None) and item.callspec.params.get("api")
        return item.get_closest_marker("real_servers") is not None and target in IN_PROCESS

    deselected = [item for item in items if in_process(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not in_process(item)]


class ContractCheckingClient:
    """Wraps a target's client: every answer must be JSON that the contract allows, and not a 5xx."""

    def __init__(self, client, target_name):
        self.client = client
        self.target_name = target_name
        self.behind_nginx = getattr(client, "behind_nginx", False)
        self.base_url = getattr(client, "base_url", None)  # a real server's address
        self.ca_file = getattr(client, "ca_file", None)  # what its https:// certificate is checked against

    def request(self, method, path, *, body=None, content_type=None, headers=None):
        answer = self.client.request(method, path, body=body, content_type=content_type, headers=headers)
        assert_matches_contract(method, path, answer)
        assert answer.status < 500, f"{method} {path} caused a server error: {answer.body[:300]!r}"
        return answer


@pytest.fixture(scope="package", params=sorted(TARGETS))
def api(request, model_dir):
    """A client of one running implementation of the API."""
    with TARGETS[request.param](model_dir) as client:
        yield ContractCheckingClient(client, request.param)


def pytest_terminal_summary(terminalreporter):
    if REQUEST_COUNTS:
        counts = ", ".join(f"{name}: {count}" for name, count in sorted(REQUEST_COUNTS.items()))
        terminalreporter.write_line(f"contract requests sent per target: {counts}")
