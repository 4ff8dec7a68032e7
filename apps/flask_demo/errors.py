"""Every failure under /api/ becomes the contract's JSON error; nothing leaks a traceback.

Pages outside /api/ keep Flask's own (HTML) error pages, which is what a browser expects.
"""

from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from penguin_model import InvalidInput
from penguin_model.contract import ERROR_MESSAGES, ERROR_STATUS, InvalidJSON, error_body

# HTTP errors raised by Flask itself (routing, size limit) -> the contract's error codes.
CODE_FOR_STATUS = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


class ApiError(Exception):
    """A client error with one of the contract's codes, raised by the API views."""

    def __init__(self, code, message, details=()):
        super().__init__(message)
        self.code, self.message, self.details = code, message, details


def json_error(code, message, details=(), status=None):
    response = jsonify(error_body(code, message, details))
    response.status_code = status or ERROR_STATUS[code]
    return response


def register_handlers(app):
    """Attach the handlers; each one answers in the contract's error format."""

    @app.errorhandler(ApiError)
    def api_error(error):
        return json_error(error.code, error.message, error.details)

    @app.errorhandler(InvalidJSON)
    def invalid_json(error):
        return json_error("invalid_json", str(error))

    @app.errorhandler(InvalidInput)
    def invalid_input(error):
        return json_error("validation_error", ERROR_MESSAGES["validation_error"], error.errors)

    @app.errorhandler(HTTPException)
    def http_error(error):
        # Redirects are HTTPExceptions too; pages outside /api/ keep HTML for the browser.
        if error.code < 400 or not request.path.startswith("/api/"):
            return error
        code = CODE_FOR_STATUS.get(error.code, "http_error")
        if code in ERROR_MESSAGES:
            message = ERROR_MESSAGES[code].format(limit=current_app.config["MAX_CONTENT_LENGTH"])
        else:
            message = error.description
        response = json_error(code, message, status=error.code)
        allowed = dict(error.get_headers()).get("Allow")
        if allowed:  # a 405 answer must say which methods are allowed
            response.headers["Allow"] = allowed
        return response

    @app.errorhandler(500)
    def internal_error(error):
        # Reached only through a bug. Flask has already logged the traceback for the operator;
        # the client gets no internals.
        if not request.path.startswith("/api/"):
            return error
        message = "The server failed to answer; this is a bug in the server, not in your request."
        return json_error("internal_error", message, status=500)
