"""The API contract, docs/openapi.yaml, read once and served as JSON at /api/openapi.json."""

from flask import current_app

from penguin_model.contract import openapi_document as read_contract

EXTENSION_KEY = "openapi_document"


def install_openapi(app):
    """Read the contract when the app is created, so a missing file is noticed at start-up."""
    app.extensions[EXTENSION_KEY] = read_contract()


def openapi_document():
    return current_app.extensions[EXTENSION_KEY]
