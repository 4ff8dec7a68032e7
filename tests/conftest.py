"""Shared fixtures: one model trained per test session, in a temporary folder; one PostgreSQL server.

Tests never touch ``models/``, so running them cannot overwrite a student's model.
"""

import os
import shutil
import signal
from pathlib import Path

import pytest

from course_helpers import postgres
from penguin_model import load_model, load_training_data, publish_model, save_model
from penguin_model.train import train
from tests.support.child_sessions import HANDED_MODEL_DIR
from tests.support.needs import ON_WINDOWS, require_postgres

# Handed to one xdist worker whole (pytest_xdist_make_scheduler below): its files share their servers.
CONTRACT_SUITE = "tests/contract/"

# The chapters whose stored outputs Windows cannot reproduce, and why. They run there (under waitress)
# up to the cells named; nbval compares every cell, so on Windows they are skipped whole.
NOT_ON_WINDOWS = {
    "03_deploy_with_flask.ipynb": "Chapter 03 prints gunicorn's command and Server header, and Windows "
                                  "serves Flask with waitress.",
    "05_deploy_with_django.ipynb": "Chapter 05 shows gunicorn's worker processes (its settings hooks, 4 "
                                   "workers), which Windows lacks.",
    "07_to_production.ipynb": "Chapter 07 reads gunicorn's worker types and runs nginx and the course's "
                              "PostgreSQL server, which Windows lacks.",
}


def pytest_configure(config):
    """Let the programs the tests start feel Ctrl-C, whatever started this session.

    A shell starts a background job (`make test &`) or a script's commands with SIGINT ignored, and a
    program inherits that: the tests that press Ctrl-C on a server (``os.killpg(..., SIGINT)``) would
    press it in vain. A handler of our own is reset to the default in every program started from here.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(items):
    """On Windows, skip the notebooks of ``NOT_ON_WINDOWS`` with the reason (nbval collects their cells)."""
    if not ON_WINDOWS:
        return
    for item in items:
        reason = NOT_ON_WINDOWS.get(item.path.name)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: only called when `make test` runs workers
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` hands each file whole to one worker; the contract suite's files go together
    (tests/contract/ is one unit), so the servers they share are started once, on one worker."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ContractSuiteTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            scope = super()._split_scope(nodeid)
            return CONTRACT_SUITE if scope.startswith(CONTRACT_SUITE) else scope

    return ContractSuiteTogether(config, log)


@pytest.fixture(scope="session")
def training_result():
    """``(pipeline, card, comparison)`` from one training run."""
    return train()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory, request):
    """A folder holding a freshly saved model and card (or the one a parent test session hands over)."""
    if os.environ.get(HANDED_MODEL_DIR):
        return Path(os.environ[HANDED_MODEL_DIR])
    directory = tmp_path_factory.mktemp("model")
    pipeline, card, _ = request.getfixturevalue("training_result")
    save_model(pipeline, card, directory)
    return directory


@pytest.fixture(scope="session")
def model(model_dir):
    return load_model(model_dir)


@pytest.fixture
def model_copy(tmp_path, model_dir):
    """A private copy of the saved model that a test may damage."""
    target = tmp_path / "model"
    shutil.copytree(model_dir, target)
    return target


@pytest.fixture(scope="session")
def published_models(tmp_path_factory, training_result):
    """A folder of releases (``penguin_model.releases``) as two trainings leave it: 1.0.0, then 1.1.0.

    1.1.0 is the current release. Each test that damages it works on a copy, ``models_copy``.
    """
    store = tmp_path_factory.mktemp("published-models")
    pipeline, card, _ = training_result
    for version in ("1.0.0", "1.1.0"):
        publish_model(pipeline, card | {"model_version": version}, store)
    return store


@pytest.fixture
def models_copy(tmp_path, published_models):
    """A private copy of ``published_models`` that a test may damage or add releases to."""
    return shutil.copytree(published_models, tmp_path / "models")


@pytest.fixture(scope="session")
def training_rows():
    features, target = load_training_data()
    return features, target


@pytest.fixture(scope="session")
def postgres_url():
    """A database on a PostgreSQL server started for this session (``course_helpers.postgres``).

    Where PostgreSQL is not installed, the tests that need it are skipped with what to install;
    in CI they fail instead.
    """
    require_postgres()
    with postgres.temporary_server() as url:
        yield url
