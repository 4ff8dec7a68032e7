"""Every failure becomes the contract's JSON error; nothing leaks a traceback.

FastAPI's own error answers (422 for its request validation, its 404 and 405 bodies) never
appear: the routes read the body themselves, and the handlers below answer for the framework.
"""

from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api_contract import ERROR_STATUS, ApiError, code_for_status, error_body, error_headers, error_message
from penguin_model import InvalidInput


def json_error(code, message=None, details=()):
    """The contract's JSON error for ``code``; without ``message``, the contract's own sentence."""
    body = error_body(code, message or error_message(code), details)
    return JSONResponse(body, status_code=ERROR_STATUS[code], headers=error_headers(code))


def init_app(app):
    """Attach the handlers; each one answers in the contract's error format."""

    @app.exception_handler(ApiError)
    async def api_error(request, error):
        return json_error(error.code, error.message)

    @app.exception_handler(InvalidInput)
    async def invalid_input(request, error):
        return json_error("validation_error", details=error.errors)

    @app.exception_handler(HTTPException)
    async def http_error(request, error):
        response = json_error(code_for_status(error.status_code))
        if error.headers and "Allow" in error.headers:  # a 405 answer must say which methods are allowed
            response.headers["Allow"] = error.headers["Allow"]
        return response

    @app.exception_handler(Exception)
    async def internal_error(request, error):
        # Reached only through a bug; uvicorn logs the traceback for the operator.
        return json_error("internal_error")
