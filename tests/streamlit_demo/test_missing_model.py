"""The pages' model: the one the server process loaded for its API, and a clear page when there is none.

Without a trained model every page says what to run, shows no traceback and none of the server's
folders (the server's log has the whole reason). With one, the pages keep serving the model the process
loaded, as the API does, even if the files change on disk afterwards.
"""

import pytest
from streamlit.testing.v1 import AppTest

from course_helpers.servers import STREAMLIT_SCRIPT
from penguin_model import served_model
from penguin_model.persistence import FAST_PATH_FILE, RETRAIN
from tests.support.streamlit_app import RUN_TIMEOUT, texts


@pytest.mark.parametrize("page", ["predict", "batch", "model_card"])
def test_every_page_says_how_to_train_a_model_and_shows_no_folder(tmp_path, monkeypatch, caplog, page):
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(tmp_path))  # an empty folder: no model in it
    app = AppTest.from_file(STREAMLIT_SCRIPT, default_timeout=RUN_TIMEOUT).run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception
    message = texts(app.error)
    assert "has no model" in message and RETRAIN in message
    assert str(tmp_path) not in message and "/" not in message.replace(RETRAIN, "")
    assert any(str(tmp_path) in record.getMessage() for record in caplog.records), "the log says where"


def test_the_pages_serve_the_model_the_process_loaded_even_after_its_files_change(model_copy, monkeypatch):
    """server.py loads the model before the server starts; a damaged file afterwards changes nothing."""
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(model_copy))
    for_the_api = served_model()
    (model_copy / FAST_PATH_FILE).write_text("{}", encoding="utf-8")  # not what the manifest vouches for
    app = AppTest.from_file(STREAMLIT_SCRIPT, default_timeout=RUN_TIMEOUT).run()
    app.switch_page("app_pages/model_card.py").run()
    assert not app.exception and not app.error, texts(app.error)
    assert f"Model **{for_the_api.version}**" in texts(app.markdown)
