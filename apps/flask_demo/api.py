"""The JSON API: health, model card, one prediction, a batch of predictions (docs/openapi.yaml)."""

from flask import Blueprint, request
from werkzeug.exceptions import UnsupportedMediaType

from api_contract import openapi_document, parse_json_body, validate_batch_body, validate_predict_body
from api_contract.idempotency import HEADER as IDEMPOTENCY_HEADER
from api_contract.idempotency import idempotency_key
from flask_demo.loaded_model import current_model

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/health")
def health():
    """Say that the server is up and which model version it serves."""
    return {"status": "ok", "model_version": current_model().version}


@blueprint.get("/ready")
def ready():
    """Say that the server can serve: its model is loaded when the app is created, so it always can."""
    return {"status": "ready", "model_version": current_model().version}


@blueprint.get("/model")
def model_card():
    """The model card: features with their ranges and choices, classes and metrics."""
    return current_model().card


@blueprint.get("/openapi.json")
def openapi():
    """The API contract itself, for clients and tools such as schemathesis."""
    return openapi_document()


@blueprint.post("/predict")
def predict():
    """Classify one penguin given as a JSON object of features."""
    model = current_model()
    features = validate_predict_body(json_body(), model)
    return model.predict(features) | {"model_version": model.version}


@blueprint.post("/predict/batch")
def predict_batch():
    """Classify up to 1000 penguins sent as ``{"instances": [...]}``, keeping their order."""
    model = current_model()
    rows = validate_batch_body(json_body(), model)
    return {"predictions": model.predict_batch(rows), "model_version": model.version}


def json_body():
    """The request body parsed as strict JSON; 415 unless it is declared as JSON, 400 unless it is.

    Flask refuses a body over MAX_CONTENT_LENGTH with a 413 before reading any of it; a chunked body
    arrives with its length too (``api_contract.chunked``, around the app in ``create_app``).
    """
    # A malformed Idempotency-Key is refused as on every app; a good one needs nothing here, since this
    # app stores nothing that a repeat could store twice.
    idempotency_key(request.headers.get(IDEMPOTENCY_HEADER))
    if request.mimetype != "application/json":
        raise UnsupportedMediaType()
    return parse_json_body(request.get_data(cache=False))
