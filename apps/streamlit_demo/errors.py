"""Every failure under /api/ becomes the contract's JSON error; nothing leaks a traceback.

Only the API app gets these handlers: Streamlit's own routes keep their own answers.
"""

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from api_contract import ERROR_STATUS, ApiError, code_for_status, error_body, error_headers, error_message
from penguin_model import InvalidInput


def json_error(code, message=None, details=()):
    """The contract's JSON error for ``code``; without ``message``, the contract's own sentence."""
    body = error_body(code, message or error_message(code), details)
    return JSONResponse(body, status_code=ERROR_STATUS[code], headers=error_headers(code))


async def api_error(request, error):
    return json_error(error.code, error.message)


async def invalid_input(request, error):
    return json_error("validation_error", details=error.errors)


async def http_error(request, error):
    response = json_error(code_for_status(error.status_code))
    if error.headers and "Allow" in error.headers:  # a 405 answer must say which methods are allowed
        response.headers["Allow"] = error.headers["Allow"]
    return response


async def internal_error(request, error):
    # Reached only through a bug; uvicorn logs the traceback for the operator.
    return json_error("internal_error")


HANDLERS = {
    ApiError: api_error,
    InvalidInput: invalid_input,
    HTTPException: http_error,
    Exception: internal_error,
}


def init_app(app):
    """Attach the handlers to the API app; each one answers in the contract's error format."""
    for error_class, handler in HANDLERS.items():
        app.add_exception_handler(error_class, handler)
