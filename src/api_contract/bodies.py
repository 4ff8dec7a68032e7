"""Reading request bodies: strict JSON, then the model's schema, with errors named as the client sent them.

Field names follow the body's shape: ``bill_length_mm`` or ``body`` for /api/predict, and
``instances``, ``instances[3]`` or ``instances[3].island`` for /api/predict/batch.
"""

import json

from api_contract.errors import ApiError, error_message
from api_contract.limits import MAX_BATCH_SIZE, MAX_BODY_BYTES
from penguin_model import FieldError, InvalidInput


class InvalidJSON(ApiError):
    """The body is not strict JSON; the message says what is wrong with it."""

    def __init__(self, message):
        super().__init__("invalid_json", message)


async def read_json_body(content_type, content_length, chunks, *, limit=MAX_BODY_BYTES):
    """The body of an ASGI request as strict JSON, for apps whose server sets no body limit.

    ``content_type`` and ``content_length`` are the request's headers (or ``None``); ``chunks`` is
    an async iterator of the body's bytes. ``ApiError`` 415 unless the body is declared as JSON,
    413 as soon as it is longer than ``limit`` (declared or not), then ``InvalidJSON`` if it is not.
    """
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        raise ApiError("unsupported_media_type")
    too_large = ApiError("payload_too_large", error_message("payload_too_large", limit=limit))
    if content_length and content_length.isdigit() and int(content_length) > limit:
        raise too_large  # refused before any of it is read
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise too_large
    return parse_json_body(bytes(body))


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


def validate_predict_body(body, model):
    """The clean features of a /api/predict body, or ``InvalidInput`` naming each bad field."""
    try:
        return model.validate(body)
    except InvalidInput as invalid:
        raise InvalidInput([_renamed(error, error.field or "body") for error in invalid.errors]) from None


def validate_batch_body(body, model):
    """The clean rows of a /api/predict/batch body ``{"instances": [...]}``, or ``InvalidInput``."""
    instances = _batch_instances(body)
    try:
        return model.validate_batch(instances)
    except InvalidInput as invalid:
        # The model names rows by position ("[3].island"); the client sent them under "instances".
        raise InvalidInput([_renamed(error, "instances" + error.field) for error in invalid.errors]) from None


def _batch_instances(body):
    if not isinstance(body, dict):
        message = 'Expected a JSON object with one key, "instances".'
        raise InvalidInput([FieldError("body", "object_type", message)])
    errors = [
        FieldError(key, "extra_forbidden", 'Unknown field: the only allowed key is "instances".')
        for key in body
        if key != "instances"
    ]
    instances = body.get("instances")
    if "instances" not in body:
        errors.append(FieldError("instances", "missing", "This field is required."))
    elif not isinstance(instances, list):
        errors.append(FieldError("instances", "list_type", "Expected a list of penguin objects."))
    elif not 1 <= len(instances) <= MAX_BATCH_SIZE:
        message = f"Send between 1 and {MAX_BATCH_SIZE} instances; got {len(instances)}."
        errors.append(FieldError("instances", "list_length", message))
    if errors:
        raise InvalidInput(errors)
    return instances


def _renamed(error, field):
    return FieldError(field, error.rule, error.message)


def _reject_constant(name):
    raise ValueError(f"{name} is not allowed in JSON; send a finite number.")
