"""Every failure under /api/ becomes the contract's JSON error; nothing leaks a traceback.

Outside /api/ a browser gets HTML: the course's own page for an unknown address (``views``), and
Flask's pages for the rarer errors.
"""

from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException, SecurityError

from api_contract import ERROR_STATUS, InvalidJSON, code_for_status, error_body, error_headers, error_message
from api_contract.log_lines import one_line
from flask_demo import views
from penguin_model import InvalidInput


def json_error(code, message=None, details=()):
    """The contract's JSON error for ``code``; without ``message``, the contract's own sentence."""
    message = message or error_message(code, limit=current_app.config["MAX_CONTENT_LENGTH"])
    response = jsonify(error_body(code, message, details))
    response.status_code = ERROR_STATUS[code]
    response.headers.update(error_headers(code))
    return response


def init_app(app):
    """Attach the handlers; each one answers in the contract's error format."""

    @app.errorhandler(InvalidJSON)
    def invalid_json(error):
        return json_error("invalid_json", str(error))

    @app.errorhandler(InvalidInput)
    def invalid_input(error):
        return json_error("validation_error", details=error.errors)

    @app.errorhandler(HTTPException)
    def http_error(error):
        # Redirects are HTTPExceptions too; pages outside /api/ keep HTML for the browser.
        if error.code < 400:
            return error
        if isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS, if the setting is given
            host = request.environ.get("HTTP_HOST", "")  # request.host would raise the same error again
            current_app.logger.warning(one_line(f"Refused a request for the host {host!r}: it is "
                                                "not in TRUSTED_HOSTS."))
        if not request.path.startswith("/api/"):
            return views.page_not_found() if error.code == 404 else error
        response = json_error(code_for_status(error.code))
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
        return json_error("internal_error")
