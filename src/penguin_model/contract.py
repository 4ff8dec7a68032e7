"""The parts of the API contract (docs/openapi.yaml) that every app must do identically.

Flask and Django both parse request bodies with ``parse_json_body``, unwrap batches with
``batch_instances``, shape every error with ``error_body`` (worded as in ``ERROR_MESSAGES``) and
serve ``openapi_document()``, so a client sees the same answer for the same mistake whichever app
it calls.
"""

import functools
import json

import yaml

from penguin_model.data import REPO_ROOT
from penguin_model.schema import FieldError, InvalidInput

OPENAPI_PATH = REPO_ROOT / "docs" / "openapi.yaml"

MAX_BODY_BYTES = 1_048_576  # 1 MiB: a full batch of 1000 penguins is about 150 kB
MAX_BATCH_SIZE = 1000

# error code -> HTTP status
ERROR_STATUS = {
    "invalid_json": 400,
    "validation_error": 400,
    "not_found": 404,
    "method_not_allowed": 405,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
}
# error code -> the sentence for people, for the codes whose message does not depend on the request
# (invalid_json says what is wrong with the body). Format payload_too_large with the app's limit.
ERROR_MESSAGES = {
    "validation_error": "The input is not valid; each entry in details names a field and what to fix.",
    "not_found": "There is no such API endpoint; the endpoints are listed at /api/openapi.json.",
    "method_not_allowed": "This endpoint does not accept that HTTP method; see the Allow header.",
    "payload_too_large": "The body is too large: send at most {limit} bytes "
    "(split a big batch in parts).",
    "unsupported_media_type": "The body must be JSON: send it with the header "
    "'Content-Type: application/json'.",
}


class InvalidJSON(ValueError):
    """The body is not strict JSON; the message says what is wrong with it."""


def parse_json_body(raw):
    """Parse a request body as strict JSON (RFC 8259): no NaN or Infinity, valid UTF-8.

    Any failure, including nesting so deep that the parser gives up and numbers too long to
    convert, becomes ``InvalidJSON`` so that it can be answered with a 400, never a 500.
    """
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise InvalidJSON("The body is not valid UTF-8 text.") from None
    except RecursionError:
        raise InvalidJSON("The JSON is nested too deeply.") from None
    except json.JSONDecodeError as problem:
        raise InvalidJSON(f"The body is not valid JSON: {problem.msg} at position {problem.pos}.") from None
    except ValueError as problem:
        if "digits" in str(problem):  # Python refuses to convert integers of over 4300 digits
            raise InvalidJSON("The body is not valid JSON: a number in it has too many digits.") from None
        raise InvalidJSON(f"The body is not valid JSON: {problem}") from None


def batch_instances(body):
    """The list under "instances" of a batch request; any other shape is ``InvalidInput`` naming the key."""
    if not isinstance(body, dict):
        message = 'Expected a JSON object with one key, "instances".'
        raise InvalidInput([FieldError("body", "object_type", message)])
    errors = [
        FieldError(key, "extra_forbidden", 'Unknown field: the only allowed key is "instances".')
        for key in body
        if key != "instances"
    ]
    if "instances" not in body:
        errors.append(FieldError("instances", "missing", "This field is required."))
    if errors:
        raise InvalidInput(errors)
    return body["instances"]


@functools.cache
def openapi_document():
    """The contract, docs/openapi.yaml, as the dict both apps serve at /api/openapi.json."""
    return yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))


def error_body(code, message, details=()):
    """The JSON body of every error: a stable code, a sentence for people, per-field details."""
    return {"error": code, "message": message, "details": [_as_dict(detail) for detail in details]}


def _reject_constant(name):
    raise ValueError(f"{name} is not allowed in JSON; send a finite number.")


def _as_dict(detail):
    return detail.as_dict() if hasattr(detail, "as_dict") else dict(detail)
