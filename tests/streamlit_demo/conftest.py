"""Fixtures for the Streamlit app's tests: an ``AppTest`` of the real app, on the test model."""

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP_DIR = Path(__file__).resolve().parents[2] / "apps" / "streamlit_demo"
# The first run imports scikit-learn and loads the model: far more than AppTest's 3 s default.
RUN_TIMEOUT = 60

# The app's helper modules are imported the way Streamlit imports them: from the app's folder.
sys.path.insert(0, str(APP_DIR))


@pytest.fixture
def app(model_dir, monkeypatch):
    """The app, not yet run, pointed at the session's test model (never at ``models/``)."""
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(model_dir))
    return AppTest.from_file(APP_DIR / "app.py", default_timeout=RUN_TIMEOUT)


def open_page(app, page):
    """Run the app, switch to ``app_pages/<page>.py`` and run it; fail on any exception shown."""
    app.run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, [element.value for element in app.exception]
    return app


def texts(elements):
    """The text of every element in an AppTest element list, joined for ``in`` checks."""
    return "\n".join(str(element.value) for element in elements)
