"""Without a trained model every page explains what to run, and shows no traceback."""

import pytest
from streamlit.testing.v1 import AppTest

from course_helpers.servers import STREAMLIT_SCRIPT
from tests.support.streamlit_app import RUN_TIMEOUT, texts


@pytest.mark.parametrize("page", ["predict", "batch", "model_card"])
def test_every_page_says_how_to_train_a_model(tmp_path, monkeypatch, page):
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(tmp_path))  # an empty folder: no model in it
    app = AppTest.from_file(STREAMLIT_SCRIPT, default_timeout=RUN_TIMEOUT).run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception
    message = texts(app.error)
    assert "No trained model was found" in message
    assert "make model" in message
