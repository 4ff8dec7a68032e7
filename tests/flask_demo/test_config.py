"""Configuration: safe defaults, overrides from a test config or the environment, fail-fast start."""

import pytest
from flask_demo import create_app

from api_contract import MAX_BODY_BYTES
from penguin_model import ModelLoadError


def test_defaults_are_safe(app):
    assert app.config["MAX_CONTENT_LENGTH"] == MAX_BODY_BYTES
    assert app.config["DEBUG"] is False


def test_model_dir_comes_from_the_environment(monkeypatch, model_dir):
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(model_dir))
    assert create_app().config["MODEL_DIR"] == str(model_dir)


def test_prefixed_environment_variables_override_the_defaults(monkeypatch, model_dir):
    monkeypatch.setenv("PENGUIN_MODEL_DIR", str(model_dir))
    monkeypatch.setenv("PENGUIN_FLASK_MAX_CONTENT_LENGTH", "2048")
    assert create_app().config["MAX_CONTENT_LENGTH"] == 2048


def test_a_missing_model_stops_the_app_with_a_clear_message(tmp_path):
    with pytest.raises(ModelLoadError, match="make model"):
        create_app({"MODEL_DIR": str(tmp_path)})
