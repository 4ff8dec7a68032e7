"""Exercise 03 · Debug the app: a small prediction API that its users say is broken. Repair it, then run:

make check EXERCISE=03_debug_the_app

README.md lists what the users report. Nothing is missing from the app, but a few lines are wrong:
find them from the symptoms, and change as little as you can.
"""

import json

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
from penguin_model import load_model


def create_app(model_dir=None):
    """The four endpoints of docs/openapi.yaml, serving the model in ``model_dir`` (default: models/)."""
    app = Flask(__name__)
    model = load_model(model_dir)  # once, when the app is created: a bad model stops the start

    @app.get("/api/health")
    def health():
        """Say that the server is up and which model version it serves."""
        return {"status": "ok", "model_version": model.card.get("version")}

    @app.post("/api/model")
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
        return json.dumps({"predictions": model.predict_batch(rows), "model_version": model.version})

    @app.errorhandler(ApiError)
    def api_error(error):
        return json_error(error.code, error.message)

    @app.errorhandler(400)
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
