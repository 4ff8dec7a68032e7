"""Configuration: safe defaults, overrides from a test config or the environment, fail-fast start."""

import os
import subprocess

import pytest
from flask_demo import create_app

from penguin_model import ModelLoadError
from penguin_model.contract import MAX_BODY_BYTES
from penguin_model.serving import free_port, python_command
from tests.contract.targets import APPS_DIR


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


def test_gunicorn_refuses_to_start_without_a_model(tmp_path):
    """The real server exits at once and prints the one-paragraph explanation."""
    command = python_command("-m", "gunicorn", "--bind", f"127.0.0.1:{free_port()}", "--workers", "1",
                             "--chdir", str(APPS_DIR), "flask_demo:create_app()")
    finished = subprocess.run(command, env=os.environ | {"PENGUIN_MODEL_DIR": str(tmp_path)},
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode != 0
    assert f"No trained model was found in {tmp_path}" in finished.stderr


def test_an_unexpected_failure_is_a_json_500_without_internals(model_dir):
    app = create_app({"MODEL_DIR": str(model_dir)})  # not TESTING: errors must not propagate

    @app.get("/api/broken")
    def broken():
        raise RuntimeError("secret internal detail")

    app.logger.disabled = True  # Flask logs the traceback for the operator; keep test output quiet
    answer = app.test_client().get("/api/broken")
    assert answer.status_code == 500
    assert answer.json["error"] == "internal_error"
    assert "secret" not in answer.get_data(as_text=True)
