"""The contract's JSON API, served by the Streamlit app's own process (see ``server.py``).

Streamlit 1.67 runs on Starlette and uvicorn, and ``st.App`` takes extra routes and middleware
beside the pages. This is a small Starlette app for /api/, with the same calls as the other apps
(request -> contract -> model -> response), and the middleware that hands it its requests.
"""

import errors
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from api_contract import openapi_document, read_json_body, validate_batch_body, validate_predict_body
from api_contract.headers import SecurityHeaders
from api_contract.idempotency import HEADER as IDEMPOTENCY_HEADER
from api_contract.idempotency import idempotency_key


def create_api(model):
    """The Starlette app that answers /api/ with ``model``."""

    async def health(request):
        """Say that the server is up and which model version it serves."""
        return JSONResponse({"status": "ok", "model_version": model.version})

    async def ready(request):
        """Say that the server can serve: it loaded its model before it started, so it always can."""
        return JSONResponse({"status": "ready", "model_version": model.version})

    async def model_card(request):
        """The model card: features with their ranges and choices, classes and metrics."""
        return JSONResponse(model.card)

    async def openapi(request):
        """The API contract itself, for clients and tools such as schemathesis."""
        return JSONResponse(openapi_document())

    async def predict(request):
        """Classify one penguin given as a JSON object of features."""
        features = validate_predict_body(await json_body(request), model)
        return JSONResponse(model.predict(features) | {"model_version": model.version})

    async def predict_batch(request):
        """Classify up to 1000 penguins sent as ``{"instances": [...]}``, keeping their order."""
        rows = validate_batch_body(await json_body(request), model)
        return JSONResponse({"predictions": model.predict_batch(rows), "model_version": model.version})

    api = Starlette(routes=[
        Route("/api/health", health, methods=["GET"]),
        Route("/api/ready", ready, methods=["GET"]),
        Route("/api/model", model_card, methods=["GET"]),
        Route("/api/openapi.json", openapi, methods=["GET"]),
        Route("/api/predict", predict, methods=["POST"]),
        Route("/api/predict/batch", predict_batch, methods=["POST"]),
    ], middleware=[Middleware(SecurityHeaders)])  # the headers every app's answers carry
    api.router.redirect_slashes = False  # /api/predict/ is an unknown path (404), not a redirect
    errors.init_app(api)
    return api


class ApiFirst:
    """ASGI middleware: requests under /api/ go to the API app before Streamlit's middleware sees them.

    Streamlit checks every path for file-traversal patterns, because its own routes serve files, and
    answers a suspicious one (``/api/..%2fetc``) with a plain-text 400. The API serves no files: to
    it such a path is one more unknown endpoint, which the contract answers with its JSON 404.
    """

    def __init__(self, app, api):
        self.app, self.api = app, api

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            await self.api(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def json_body(request):
    """The body as strict JSON, read by the contract (uvicorn itself sets no body limit)."""
    headers = request.headers
    # A malformed Idempotency-Key is refused as on every app; a good one needs nothing here, since this
    # app stores nothing that a repeat could store twice.
    idempotency_key(headers.get(IDEMPOTENCY_HEADER))
    return await read_json_body(headers.get("content-type"), headers.get("content-length"), request.stream())
