"""The FastAPI app of the course: the same JSON API as Flask and Django, for comparison (chapter 06).

``create_app`` is the application factory; ``make serve-fastapi`` runs it under uvicorn, an ASGI
server. Its interactive documentation at ``/docs`` shows the course's contract (docs/openapi.yaml)
and works offline: FastAPI's default page loads Swagger UI from the internet, ``FastAPIOffline``
serves the same files from the installed package. The app has no form, so ``/`` leads to that page.
"""

from fastapi.responses import RedirectResponse
from fastapi_offline import FastAPIOffline

from api_contract import openapi_document
from api_contract.headers import SecurityHeaders
from fastapi_demo import api, errors, loaded_model

DOCS_URL = "/docs"  # the interactive documentation (FastAPIOffline keeps it out of FastAPI's own docs_url)


def create_app(model_dir=None):
    """Build the app: the model (``model_dir`` or the course's), the API routes, the error handlers."""
    # redirect_slashes off: /api/predict/ is an unknown path (404), not a redirect to /api/predict.
    app = FastAPIOffline(title="Penguin species API (FastAPI)", openapi_url="/api/openapi.json",
                         docs_url=DOCS_URL, redoc_url=None, redirect_slashes=False)
    # The docs page and /api/openapi.json show the contract itself, not a schema FastAPI would derive
    # from the routes: the same document every app of the course serves.
    app.openapi = openapi_document
    loaded_model.init_app(app, model_dir)
    app.include_router(api.router)
    errors.init_app(app)
    # The security headers Django sends, and a CSP that lets the docs page run Swagger UI and nothing else.
    app.add_middleware(SecurityHeaders)

    @app.get("/", include_in_schema=False)
    async def front_page():
        """Where a person starts: there is no form, so send them to the interactive API docs."""
        return RedirectResponse(DOCS_URL)

    return app
