"""The floor under every framework: a WSGI app with no framework at all, calling the same functions.

It parses, validates and predicts exactly as the apps do, and answers /api/predict and /api/health
only; anything else is a plain 404. Served by gunicorn with the apps' settings, it shows what a
Python web stack costs before any framework adds its share.
"""

import json

from api_contract import ERROR_STATUS, ApiError, error_body, parse_json_body, validate_predict_body
from penguin_model import InvalidInput, load_model

model = load_model()  # once per worker, when gunicorn imports this module


def application(environ, start_response):
    """The WSGI entry point."""
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if (path, method) == ("/api/health", "GET"):
        return _answer(start_response, 200, {"status": "ok", "model_version": model.version})
    if (path, method) != ("/api/predict", "POST"):
        return _answer(start_response, 404, error_body("not_found", "No such endpoint."))
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    try:
        features = validate_predict_body(parse_json_body(body), model)
    except ApiError as error:
        return _answer(start_response, ERROR_STATUS[error.code], error_body(error.code, error.message))
    except InvalidInput as error:
        return _answer(start_response, 400, error_body("validation_error", "Invalid input.", error.errors))
    return _answer(start_response, 200, model.predict(features) | {"model_version": model.version})


def _answer(start_response, status, content):
    payload = json.dumps(content).encode()
    start_response(f"{status} {'OK' if status == 200 else 'Error'}",
                   [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]
