"""The Batch page through AppTest: real uploads of good, bad and mixed files, never an exception."""

import tomllib

import pytest
from batch_upload import MAX_ROWS, MAX_UPLOAD_MB

from course_helpers.servers import STREAMLIT_SCRIPT
from penguin_model.wording import probability_text
from tests.support.csv_files import BAD_FILES, GOOD, MIXED, PENGUINS
from tests.support.streamlit_app import open_page, texts


def upload(app, content, name="penguins.csv"):
    app.file_uploader(key="batch_file").upload(name, content, "text/csv")
    app.run()
    assert not app.exception, [element.value for element in app.exception]
    return app


def test_without_a_file_the_page_asks_for_one_and_offers_the_template(app):
    open_page(app, "batch")
    assert "Upload a CSV file" in texts(app.info)
    assert app.get("download_button")[0].label == "Download a template CSV"


def test_the_page_its_uploader_and_the_server_settings_give_one_size_limit(app):
    """What the page says is what its uploader shows and enforces; the server's ceiling is the same."""
    open_page(app, "batch")
    assert f"at most {MAX_ROWS} rows and {MAX_UPLOAD_MB} MB." in texts(app.markdown)
    assert app.file_uploader(key="batch_file").proto.max_upload_size_mb == MAX_UPLOAD_MB
    config_file = STREAMLIT_SCRIPT.parent / ".streamlit" / "config.toml"
    assert tomllib.loads(config_file.read_text(encoding="utf-8"))["server"]["maxUploadSize"] == MAX_UPLOAD_MB


def test_a_good_file_shows_every_prediction(app, model):
    upload(open_page(app, "batch"), GOOD)
    assert "All 3 penguins predicted." in texts(app.success)
    results = app.dataframe[0].value
    expected = [model.predict(model.validate(penguin))["species"] for penguin in PENGUINS]
    assert results["species"].tolist() == expected
    assert "download_results" in [button.key for button in app.get("download_button")]


def test_probabilities_read_as_on_the_predict_page(app, model):
    upload(open_page(app, "batch"), GOOD)
    results = app.dataframe[0].value
    expected = model.predict(model.validate(PENGUINS[0]))["probabilities"]
    shown = {name: results[f"probability_{name}"][0] for name in model.classes}
    assert shown == {name: probability_text(p) for name, p in expected.items()}


def test_a_mixed_file_shows_results_and_names_each_bad_row_and_field(app):
    upload(open_page(app, "batch"), MIXED)
    assert "2 of 4 rows could not be predicted" in texts(app.warning)
    errors, results = app.dataframe[0].value, app.dataframe[1].value
    assert list(zip(errors["row"], errors["field"], strict=True)) == [(3, "bill_length_mm"), (5, "island")]
    assert results["status"].tolist() == ["ok", "error", "ok", "error"]


def test_text_in_every_numeric_field_is_reported_for_each_field(app):
    content = b"island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g\nDream,a,b,c,d\n"
    upload(open_page(app, "batch"), content)
    errors = app.dataframe[0].value
    assert sorted(errors["field"]) == ["bill_depth_mm", "bill_length_mm", "body_mass_g", "flipper_length_mm"]
    assert all("valid number" in message for message in errors["message"])


@pytest.mark.parametrize(("content", "phrase"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_shows_a_message_not_a_traceback(app, content, phrase):
    upload(open_page(app, "batch"), content)
    message = texts(app.error)
    assert "penguins.csv cannot be used." in message
    assert phrase in message
    assert not app.dataframe  # no half-made results
