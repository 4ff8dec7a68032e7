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
    "not_found": 404,
    "method_not_allowed": 405,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "internal_error": 500,
}
# error code -> the sentence for people, for the codes whose message does not depend on the request
# (invalid_json says what is wrong with the body; authentication_failed, what is wrong with the credentials).
ERROR_MESSAGES = {
    "validation_error": "The input is not valid; each entry in details names a field and what to fix.",
    "bad_request": "The request could not be read; check its headers and its body.",
    "not_authenticated": "This endpoint needs credentials; the WWW-Authenticate header says which kind.",
    "permission_denied": "These credentials do not allow this request.",
    "not_found": "There is no such API endpoint; the endpoints are listed at /api/openapi.json.",
    "method_not_allowed": "This endpoint does not accept that HTTP method; see the Allow header.",
    "payload_too_large": "The body is too large: send at most {limit} bytes (split a big batch in parts).",
    "unsupported_media_type": "The body must be JSON: send it with the header "
    "'Content-Type: application/json'.",
    "internal_error": "The server failed to answer; this is a bug in the server, not in your request.",
}


def error_message(code, *, limit=MAX_BODY_BYTES):
    """The contract's sentence for ``code``; ``limit`` is the body limit the app really enforces."""
    return ERROR_MESSAGES[code].format(limit=limit)


def error_body(code, message, details=()):
    """The JSON body of every error: a stable code, a sentence for people, per-field details."""
    if code not in ERROR_STATUS:
        raise ValueError(f"{code!r} is not an error code of the contract (see docs/openapi.yaml).")
    return {"error": code, "message": message, "details": [_as_dict(detail) for detail in details]}


def _as_dict(detail):
    return detail.as_dict() if hasattr(detail, "as_dict") else dict(detail)
