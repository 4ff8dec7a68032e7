"""The FastAPI app of the course: the same JSON API as Flask and Django, for comparison (chapter 06).

``create_app`` is the application factory; ``make serve-fastapi`` runs it under uvicorn, an ASGI
server. Its interactive documentation at ``/docs`` shows the course's contract (docs/openapi.yaml)
and works offline: FastAPI's default page loads Swagger UI from the internet, ``FastAPIOffline``
serves the same files from the installed package.
"""

from fastapi_offline import FastAPIOffline

from api_contract import openapi_document
from fastapi_demo import api, errors, loaded_model


def create_app(model_dir=None):
    """Build the app: the model (``model_dir`` or the course's), the API routes, the error handlers."""
    # redirect_slashes off: /api/predict/ is an unknown path (404), not a redirect to /api/predict.
    app = FastAPIOffline(title="Penguin species API (FastAPI)", openapi_url="/api/openapi.json",
                         redoc_url=None, redirect_slashes=False)
    # The docs page and /api/openapi.json show the contract itself, not a schema FastAPI would derive
    # from the routes: the same document every app of the course serves.
    app.openapi = openapi_document
    loaded_model.init_app(app, model_dir)
    app.include_router(api.router)
    errors.init_app(app)
    return app
