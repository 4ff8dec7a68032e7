"""The API contract, docs/openapi.yaml, read once and served as JSON at /api/openapi.json."""

from pathlib import Path

import yaml
from flask import current_app

EXTENSION_KEY = "openapi_document"


def install_openapi(app):
    """Read the contract when the app is created, so a missing file is noticed at start-up."""
    text = Path(app.config["OPENAPI_PATH"]).read_text(encoding="utf-8")
    app.extensions[EXTENSION_KEY] = yaml.safe_load(text)


def openapi_document():
    return current_app.extensions[EXTENSION_KEY]
