"""Every error an API may answer: its code, its HTTP status, its sentence, and the JSON shape.

docs/openapi.yaml lists the same codes with the same statuses (the contract suite checks that they
agree). An app answers only with these codes, so a client can rely on the list.
"""

from api_contract.limits import MAX_BODY_BYTES

# error code -> HTTP status
ERROR_STATUS = {
    "invalid_json": 400,
    "validation_error": 400,
    "bad_request": 400,
    "not_authenticated": 401,
    "authentication_failed": 401,
    "permission_denied": 403,
    "https_required": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "idempotency_key_reused": 422,
    "too_many_requests": 429,
    "internal_error": 500,
    "bad_gateway": 502,
    "service_unavailable": 503,
    "gateway_timeout": 504,
}
# error code -> the sentence for people, for the codes whose message does not depend on the request
# (invalid_json says what is wrong with the body; authentication_failed, what is wrong with the credentials).
ERROR_MESSAGES = {
    "validation_error": "The input is not valid; each entry in details names a field and what to fix.",
    "bad_request": "The request could not be read; check its headers and its body.",
    "not_authenticated": "This endpoint needs credentials; the WWW-Authenticate header says which kind.",
    "permission_denied": "These credentials do not allow this request.",
    # https_required, too_many_requests, bad_gateway and gateway_timeout come only from nginx in front of
    # the apps (deploy/nginx/penguin.conf).
    "https_required": "This server takes requests over HTTPS only: send it to the https:// address "
    "(a body sent over plain HTTP could be read on the way).",
    "not_found": "There is no such API endpoint; the endpoints are listed at /api/openapi.json.",
    "method_not_allowed": "This endpoint does not accept that HTTP method; see the Allow header.",
    "payload_too_large": "The body is too large: send at most {limit} bytes (split a big batch in parts).",
    "unsupported_media_type": "The body must be JSON: send it with the header "
    "'Content-Type: application/json'.",
    "idempotency_key_reused": "This Idempotency-Key was first sent with another request; send a new key "
    "with a new request, and the same request again with the same key.",
    "too_many_requests": "Too many requests from your address: wait as long as the Retry-After header says, "
    "then send it again.",
    # 502 and 504: an instance may have acted on the request (stored a prediction) before it failed.
    "bad_gateway": "No instance of the server could answer. One may have acted on the request before it "
    "failed: send it again only if that is safe (a GET is).",
    "gateway_timeout": "An instance of the server took too long to answer and may still have acted on the "
    "request: send it again only if that is safe (a GET is).",
    "internal_error": "The server failed to answer; this is a bug in the server, not in your request.",
    # Something the server needs is down (Django's database, every instance behind nginx): not a bug, and
    # not the client's mistake; the same request may work later.
    "service_unavailable": "The server cannot answer just now; try again in a moment (the Retry-After "
    "header says when).",
}
# How long a client should wait before trying again after a 503, in seconds (its Retry-After header): long
# enough for a database server to restart, short enough that nobody gives up.
RETRY_AFTER_SECONDS = 5


# HTTP statuses a framework answers on its own (routing, limits) -> the contract's codes.
CODE_FOR_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    503: "service_unavailable",
}


class ApiError(Exception):
    """A request the contract refuses with ``code``; ``message`` defaults to the contract's sentence."""

    def __init__(self, code, message=None):
        self.code, self.message = _listed(code), message or error_message(code)
        super().__init__(self.message)


def code_for_status(status):
    """The contract's code for an HTTP error status a framework raised on its own."""
    return CODE_FOR_STATUS.get(status, "bad_request" if status < 500 else "internal_error")


def error_message(code, *, limit=MAX_BODY_BYTES):
    """The contract's sentence for ``code``; ``limit`` is the body limit the app really enforces."""
    return ERROR_MESSAGES[code].format(limit=limit)


def error_headers(code):
    """The headers an error answer carries besides its body: a 503 says when to try again."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS)} if code == "service_unavailable" else {}


def error_body(code, message, details=()):
    """The JSON body of every error: a stable code, a sentence for people, per-field details."""
    return {"error": _listed(code), "message": message, "details": [_as_dict(detail) for detail in details]}


def _listed(code):
    if code not in ERROR_STATUS:
        raise ValueError(f"{code!r} is not an error code of the contract (see docs/openapi.yaml).")
    return code


def _as_dict(detail):
    return detail.as_dict() if hasattr(detail, "as_dict") else dict(detail)
