"""Run every contract test once per registered target (see ``targets.py`` to add one).

Each target is started once per test module and reused by every test in it; a real server
therefore answers many requests in a row, which is how the suite shows it is "still up".
"""

import importlib
from pathlib import Path

import pytest

from tests.contract import targets

# Importing each targets_*.py registers the targets it defines (Django's, for example).
for plugin in sorted(Path(__file__).parent.glob("targets_*.py")):
    importlib.import_module(f"tests.contract.{plugin.stem}")


@pytest.fixture(scope="module", params=sorted(targets.TARGETS))
def api(request, model_dir):
    """A client of one running implementation of the API."""
    with targets.TARGETS[request.param](model_dir) as client:
        yield client


def pytest_terminal_summary(terminalreporter):
    if targets.REQUEST_COUNTS:
        counts = ", ".join(f"{name}: {count}" for name, count in sorted(targets.REQUEST_COUNTS.items()))
        terminalreporter.write_line(f"contract requests sent per target: {counts}")
