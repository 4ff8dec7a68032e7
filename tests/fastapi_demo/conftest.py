"""Fixtures for the FastAPI app's own tests: the app on the session's model, and its test client."""

import pytest
from fastapi_demo import create_app

from tests.support.api_clients import StarletteTestClient


@pytest.fixture
def app(model_dir):
    return create_app(model_dir)


@pytest.fixture
def client(app):
    with StarletteTestClient(app, "fastapi-test-client") as client:
        yield client
