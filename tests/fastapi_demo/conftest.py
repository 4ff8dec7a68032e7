"""Fixtures for the FastAPI app's own tests: the app on the session's model, and its test client."""

import pytest
from fastapi_demo import create_app

from tests.support.api_clients import FastAPITestClient


@pytest.fixture
def app(model_dir):
    return create_app(model_dir)


@pytest.fixture
def client(app):
    with FastAPITestClient(app) as client:
        yield client
