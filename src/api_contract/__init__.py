"""The web API contract that every app serves identically (``docs/openapi.yaml``).

It knows HTTP bodies, limits and error codes, but no web framework: Flask, Django and any other
app call it, so a client gets the same answer for the same request whichever app it calls.

- ``limits``: the body and batch limits;
- ``bodies``: strict JSON parsing, and validating a request body through the model's schema;
- ``errors``: every error code, its HTTP status, its sentence, and the JSON shape of an error;
- ``openapi``: the contract document itself;
- ``chunked``: chunked request bodies read whole before a WSGI app sees them;
- ``headers``: the security headers and Content-Security-Policy of every app's answers;
- ``observability`` and ``metrics``: the request id, access log and /metrics around a WSGI app,
  imported on their own (``from api_contract.observability import observed``), so that importing
  the package does not start prometheus_client, which must wait for gunicorn's metrics folder;
  ``proxies`` (which peers may speak for the client, PENGUIN_TRUSTED_PROXIES) and ``log_lines``
  (lines that stay whole in a pipe) serve them.
"""

from api_contract.bodies import (
    InvalidJSON,
    parse_json_body,
    read_json_body,
    validate_batch_body,
    validate_predict_body,
)
from api_contract.errors import (
    ERROR_STATUS,
    RETRY_AFTER_SECONDS,
    ApiError,
    code_for_status,
    error_body,
    error_headers,
    error_message,
)
from api_contract.limits import MAX_BATCH_SIZE, MAX_BODY_BYTES
from api_contract.openapi import openapi_document

__all__ = [
    "ERROR_STATUS",
    "MAX_BATCH_SIZE",
    "MAX_BODY_BYTES",
    "RETRY_AFTER_SECONDS",
    "ApiError",
    "InvalidJSON",
    "code_for_status",
    "error_body",
    "error_headers",
    "error_message",
    "openapi_document",
    "parse_json_body",
    "read_json_body",
    "validate_batch_body",
    "validate_predict_body",
]
