"""Every API error in the contract's JSON shape (``api_contract.error_body``).

DRF calls ``contract_exception_handler`` for exceptions raised in the API views; Django calls the
``bad_request`` ... ``server_error`` handlers (see config/urls.py) for errors raised elsewhere,
for example an unknown path. Under /api/ both answer JSON. Elsewhere a browser gets HTML: the
course's own page for an unknown address (``views.page_not_found``), Django's defaults otherwise.

A database that cannot be reached is no bug: ``DatabaseOutage`` answers it with a 503 and
``Retry-After``, in JSON under /api/ and as a page elsewhere, and logs one line, not a traceback.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults
from rest_framework import exceptions

from api_contract import (
    ERROR_STATUS,
    InvalidJSON,
    error_body,
    error_headers,
    error_message,
)
from penguin_model import InvalidInput, wording
from predictor import views

# DRF's exception classes -> the contract's error codes.
DRF_ERROR_CODES = {
    exceptions.ParseError: "invalid_json",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
}
# Codes whose sentence comes from the exception (it says what exactly was wrong).
OWN_MESSAGE = {"invalid_json", "authentication_failed"}
# What the database driver raises when the server is down, restarting or unreachable (and SQLite when
# its file stays locked): the same request can work in a moment.
DATABASE_DOWN = (OperationalError, InterfaceError)
logger = logging.getLogger(__name__)


def json_error(code, message=None, details=()):
    """The contract's JSON error for ``code``; without ``message``, the contract's own sentence."""
    message = message or error_message(code, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    compact = {"separators": (",", ":"), "ensure_ascii": False}  # as DRF writes JSON
    body = error_body(code, message, details)
    return JsonResponse(body, status=ERROR_STATUS[code], headers=error_headers(code),
                        json_dumps_params=compact)


def contract_exception_handler(exc, context):
    """Turn any exception raised in an API view into the contract's JSON error."""
    response = error_response(exc)
    if isinstance(exc, exceptions.MethodNotAllowed):
        response["Allow"] = ", ".join(context["view"].allowed_methods)
    if getattr(exc, "auth_header", None):  # a 401 must say how to authenticate
        response["WWW-Authenticate"] = exc.auth_header
    return response


def error_response(exc):
    """The error response for an exception; anything unexpected is re-raised (logged, then a 500)."""
    if isinstance(exc, InvalidInput):
        return json_error("validation_error", details=exc.errors)
    if isinstance(exc, InvalidJSON):
        return json_error("invalid_json", str(exc))
    if isinstance(exc, RequestDataTooBig):
        return json_error("payload_too_large")
    for exception_class, code in DRF_ERROR_CODES.items():
        if isinstance(exc, exception_class):
            return json_error(code, _sentence(exc.detail) if code in OWN_MESSAGE else None)
    if isinstance(exc, exceptions.APIException) and exc.status_code < 500:
        return json_error("bad_request")
    raise exc  # a bug, not a client error: Django logs it and answers with server_error below


class DatabaseOutage:
    """Middleware: a view that fails because the database is down gets a 503, not a 500 "bug"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None  # anything else is Django's to log and answer
        return database_unavailable(request, exception)


def database_unavailable(request, exception):
    """The 503 for a database that cannot answer ``request``, and the one log line that says why."""
    reason = " ".join(str(exception).split())[:300]  # the driver's message on one line, kept short
    logger.warning("Database unavailable, answered 503 to %s %s: %s", request.method,
                   re.sub(r"\s", " ", request.path)[:200], reason)
    if is_api(request):
        response = json_error("service_unavailable")
    else:
        page = render_to_string("predictor/unavailable.html", {"wording": wording})
        response = HttpResponse(page, status=503, headers=error_headers("service_unavailable"))
    # The line above says it all: Django logs a 5xx answer again unless told it has been logged
    # (django.utils.log.log_response reads this attribute).
    response._has_been_logged = True
    return response


def is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception, template_name="400.html"):
    """400 outside a view (for example a malformed Host header)."""
    if not is_api(request):
        return defaults.bad_request(request, exception, template_name)
    if isinstance(exception, RequestDataTooBig):
        return json_error("payload_too_large")
    return json_error("bad_request")


def permission_denied(request, exception, template_name="403.html"):
    if not is_api(request):
        return defaults.permission_denied(request, exception, template_name)
    return json_error("permission_denied")


def page_not_found(request, exception, template_name="404.html"):
    if not is_api(request):
        return views.page_not_found(request)
    return json_error("not_found")


def server_error(request, template_name="500.html"):
    if not is_api(request):
        return defaults.server_error(request, template_name)
    return json_error("internal_error")


def _sentence(detail):
    text = str(detail).strip()
    return text if text.endswith(".") else text + "."
