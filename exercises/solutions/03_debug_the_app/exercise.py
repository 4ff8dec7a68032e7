"""Worked solution for exercise 03 · Debug the app: four fixes, each with its reason.

Each fix is marked with a ``# Fix:`` comment that says why the old line failed.
"""

from flask import Flask, jsonify, request

from api_contract import (
    ERROR_STATUS,
    ApiError,
    error_body,
    error_message,
    parse_json_body,
    validate_batch_body,
    validate_predict_body,
)
from penguin_model import InvalidInput, load_model


def create_app(model_dir=None):
    """The four endpoints of docs/openapi.yaml, serving the model in ``model_dir`` (default: models/)."""
    app = Flask(__name__)
    model = load_model(model_dir)  # once, when the app is created: a bad model stops the start

    @app.get("/api/health")
    def health():
        """Say that the server is up and which model version it serves."""
        # Fix: the card stores the version under "model_version"; .get("version") found nothing and
        # answered null without a word. model.version is the one accessor every app uses.
        return {"status": "ok", "model_version": model.version}

    # Fix: reading a resource is a GET (the contract says so, and a browser sends GET); with
    # @app.post, Flask answered every GET with 405 Method Not Allowed.
    @app.get("/api/model")
    def model_card():
        """The model card: features with their ranges and choices, classes and metrics."""
        return model.card

    @app.post("/api/predict")
    def predict():
        """Classify one penguin given as a JSON object of features."""
        features = validate_predict_body(json_body(), model)
        return model.predict(features) | {"model_version": model.version}

    @app.post("/api/predict/batch")
    def predict_batch():
        """Classify a batch ``{"instances": [...]}``, keeping its order."""
        rows = validate_batch_body(json_body(), model)
        # Fix: Flask sends a returned str as text/html; a returned dict is serialised as JSON and sent
        # as application/json, which is what clients check before they parse the answer.
        return {"predictions": model.predict_batch(rows), "model_version": model.version}

    @app.errorhandler(ApiError)
    def api_error(error):
        return json_error(error.code, error.message)

    # Fix: errorhandler(400) catches only Flask's own HTTP 400 errors (BadRequest). The schema raises
    # InvalidInput, which Flask does not know, so it answered 500: register the handler for that class.
    @app.errorhandler(InvalidInput)
    def invalid_input(error):
        return json_error("validation_error", details=error.errors)

    return app


def json_body():
    """The body as strict JSON (no NaN, no Infinity); ``ApiError`` unless it is declared and written so."""
    if request.mimetype != "application/json":
        raise ApiError("unsupported_media_type")
    return parse_json_body(request.get_data())


def json_error(code, message=None, details=()):
    """The contract's JSON error for ``code``, with its HTTP status."""
    return jsonify(error_body(code, message or error_message(code), details)), ERROR_STATUS[code]
