"""The JSON API: health, model card, one prediction, a batch of predictions (docs/openapi.yaml).

The contract itself is served at /api/openapi.json by FastAPI (see ``create_app``).
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from api_contract import read_json_body, validate_batch_body, validate_predict_body
from api_contract.idempotency import HEADER as IDEMPOTENCY_HEADER
from api_contract.idempotency import idempotency_key
from fastapi_demo.loaded_model import current_model
from penguin_model import PenguinModel

router = APIRouter(prefix="/api")
Model = Annotated[PenguinModel, Depends(current_model)]


# Every route is ``async def``: none of them blocks, and FastAPI would run a plain ``def`` in a thread.
@router.get("/health")
async def health(model: Model):
    """Say that the server is up and which model version it serves."""
    return {"status": "ok", "model_version": model.version}


@router.get("/ready")
async def ready(model: Model):
    """Say that the server can serve: its model is loaded when the app is created, so it always can."""
    return {"status": "ready", "model_version": model.version}


@router.get("/model")
async def model_card(model: Model):
    """The model card: features with their ranges and choices, classes and metrics."""
    return model.card


@router.post("/predict")
async def predict(request: Request, model: Model):
    """Classify one penguin given as a JSON object of features."""
    features = validate_predict_body(await json_body(request), model)
    return model.predict(features) | {"model_version": model.version}


@router.post("/predict/batch")
async def predict_batch(request: Request, model: Model):
    """Classify up to 1000 penguins sent as ``{"instances": [...]}``, keeping their order."""
    rows = validate_batch_body(await json_body(request), model)
    return {"predictions": model.predict_batch(rows), "model_version": model.version}


async def json_body(request):
    """The body as strict JSON, read by the contract (uvicorn itself sets no body limit)."""
    headers = request.headers
    # A malformed Idempotency-Key is refused as on every app; a good one needs nothing here, since this
    # app stores nothing that a repeat could store twice.
    idempotency_key(headers.get(IDEMPOTENCY_HEADER))
    return await read_json_body(headers.get("content-type"), headers.get("content-length"), request.stream())
