"""Every API error in the contract's JSON shape (``penguin_model.contract.error_body``).

DRF calls ``contract_exception_handler`` for exceptions raised in the API views; Django calls the
``bad_request`` ... ``server_error`` handlers (see config/urls.py) for errors raised elsewhere,
for example an unknown path. Under /api/ both answer JSON; other pages keep Django's defaults.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from penguin_model import InvalidInput
from penguin_model.contract import ERROR_MESSAGES, ERROR_STATUS, InvalidJSON, error_body

# DRF's exception classes -> the contract's error codes.
DRF_ERROR_CODES = {
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
}


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Always answer JSON: the API has one representation, whatever ``Accept`` asks for."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def error_payload(code, message=None, details=()):
    """``(body, status)``; without ``message``, the contract's own sentence for ``code``."""
    if message is None:
        message = ERROR_MESSAGES[code].format(limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return error_body(code, message, details), ERROR_STATUS.get(code, 500)


def contract_exception_handler(exc, context):
    """Turn any exception raised in an API view into the contract's JSON error."""
    body, status = describe(exc)
    response = Response(body, status=status)
    if isinstance(exc, exceptions.MethodNotAllowed):
        response["Allow"] = ", ".join(context["view"].allowed_methods)
    if getattr(exc, "auth_header", None):  # a 401 must say how to authenticate
        response["WWW-Authenticate"] = exc.auth_header
    return response


def describe(exc):
    """``(body, status)`` for an exception; anything unexpected becomes a logged 500."""
    if isinstance(exc, InvalidInput):
        return error_payload("validation_error", details=exc.errors)
    if isinstance(exc, InvalidJSON):
        return error_payload("invalid_json", str(exc))
    if isinstance(exc, RequestDataTooBig):
        return error_payload("payload_too_large")
    for exception_class, code in DRF_ERROR_CODES.items():
        if isinstance(exc, exception_class):
            return error_payload(code)
    if isinstance(exc, exceptions.APIException):
        return error_body(exc.default_code, _sentence(exc.detail)), exc.status_code
    raise exc  # a bug, not a client error: Django logs it and answers with server_error below


def is_api(request):
    return request.path.startswith("/api/")


def json_error(code, message=None, status=None):
    """A JSON error response outside DRF, written as compactly as DRF writes its own."""
    body, contract_status = error_payload(code, message)
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    return JsonResponse(body, status=status or contract_status, json_dumps_params=compact)


def bad_request(request, exception, template_name="400.html"):
    """400 outside a view (for example a malformed Host header)."""
    if not is_api(request):
        return defaults.bad_request(request, exception, template_name)
    if isinstance(exception, RequestDataTooBig):
        return json_error("payload_too_large")
    return json_error("bad_request", "The request could not be understood; check its headers.", status=400)


def permission_denied(request, exception, template_name="403.html"):
    if not is_api(request):
        return defaults.permission_denied(request, exception, template_name)
    return json_error("forbidden", "You may not do this.", status=403)


def page_not_found(request, exception, template_name="404.html"):
    if not is_api(request):
        return defaults.page_not_found(request, exception, template_name)
    return json_error("not_found")


def server_error(request, template_name="500.html"):
    if not is_api(request):
        return defaults.server_error(request, template_name)
    return json_error("internal_error", "The server failed to answer; the error was logged.", status=500)


def _sentence(detail):
    text = str(detail).strip()
    return text if text.endswith(".") else text + "."
