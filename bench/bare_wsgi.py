"""The baseline of the serving benchmark: a WSGI app with no framework at all, calling the same functions.

It parses, validates and predicts exactly as the apps do, and answers /api/predict and /api/health
only; anything else is a plain 404. Served by gunicorn with the apps' settings, it shows what a
Python web stack costs before any framework adds its share. It logs and counts each request as
the apps do (``api_contract.observability``), so that cost is not counted as the frameworks'.
"""

import json

from api_contract import ERROR_STATUS, ApiError, error_body, parse_json_body, validate_predict_body
from api_contract.observability import observed
from penguin_model import InvalidInput, load_model

model = load_model()  # once per worker, when gunicorn imports this module


def bare_application(environ, start_response):
    """The app itself, without the access log and metrics around it."""
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


application = observed(bare_application, model_version=lambda: model.version)  # the WSGI entry point


def _answer(start_response, status, content):
    payload = json.dumps(content).encode()
    start_response(f"{status} {'OK' if status == 200 else 'Error'}",
                   [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]
