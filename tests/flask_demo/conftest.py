"""Fixtures for the Flask app's own tests: an app on the session's model, and its test client."""

import pytest


@pytest.fixture
def app(model_dir):
    from flask_demo import create_app

    return create_app({"TESTING": True, "MODEL_DIR": str(model_dir)})


@pytest.fixture
def client(app):
    return app.test_client()
