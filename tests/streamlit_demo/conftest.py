"""Fixtures for the Streamlit app's tests: an ``AppTest`` of the real app, on the test model."""

import pytest
from streamlit.testing.v1 import AppTest

from course_helpers.servers import STREAMLIT_SCRIPT
from tests.support.streamlit_app import RUN_TIMEOUT


@pytest.fixture
def app(model_dir, monkeypatch):
    """The app, not yet run, pointed at the session's test model (never at ``models/``)."""
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(model_dir))
    return AppTest.from_file(STREAMLIT_SCRIPT, default_timeout=RUN_TIMEOUT)
