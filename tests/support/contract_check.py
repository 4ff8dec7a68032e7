"""Check an ``ApiResponse`` against docs/openapi.yaml: status allowed, body valid JSON Schema.

The contract is the one document the apps are built from; validating every answer against it
keeps the document, Flask and Django from drifting apart. An error answer, whatever its status
(5xx included), must carry one of the contract's error codes with the status the contract gives it.
"""

import functools

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api_contract import openapi_document

DOCUMENT_URI = "urn:penguin-api:openapi"
ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


def contract_error_statuses():
    """``{error code: HTTP status}`` as docs/openapi.yaml lists them."""
    return openapi_document()["components"]["schemas"]["ErrorCode"]["x-http-status"]


@functools.cache
def _registry():
    resource = Resource.from_contents(openapi_document(), default_specification=DRAFT202012)
    return Registry().with_resource(DOCUMENT_URI, resource)


def expected_schema(method, path, status):
    """The schema the contract promises for this answer; ``AssertionError`` if it promises none."""
    path_item = openapi_document()["paths"].get(path)
    if path_item is None:
        # A 400 is a request that could not be read at all, e.g. a path nginx refuses to route.
        assert status in (400, 404), f"{method} {path}: unknown path answered {status}, the contract says 404"
        return ERROR_SCHEMA
    operation = path_item.get(method.lower())
    if operation is None:
        assert status == 405, f"{method} {path}: method not in the contract answered {status}, not 405"
        return ERROR_SCHEMA
    response = operation["responses"].get(str(status))
    assert response is not None, f"{method} {path}: status {status} is not in the contract"
    if "$ref" in response:  # a shared response under components/responses
        response = _follow(response["$ref"])
    return response["content"]["application/json"]["schema"]


def assert_matches_contract(method, path, answer):
    """The answer is JSON valid against the contract's schema; an error's code comes with its status."""
    assert answer.content_type == "application/json", (
        f"{method} {path} answered {answer.status} with Content-Type {answer.content_type!r}: "
        f"{answer.body[:200]!r}"
    )
    if answer.status >= 400:
        assert_listed_error(answer, f"{method} {path}")
    schema = expected_schema(method, path.split("?")[0], answer.status)
    # Anchor the schema in the document so its "#/components/..." references resolve.
    anchored = {"$ref": DOCUMENT_URI + schema["$ref"]} if "$ref" in schema else schema
    validator = Draft202012Validator(anchored, registry=_registry())
    errors = validator.iter_errors(answer.json())
    problems = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]
    assert not problems, f"{method} {path} ({answer.status}) breaks the contract: {problems}"


def assert_listed_error(answer, request="the request"):
    """The answer is the contract's error: a listed code, with the status the contract gives that code."""
    body = answer.json()
    code = body.get("error") if isinstance(body, dict) else None
    statuses = contract_error_statuses()
    assert code in statuses, f"{request}: error code {code!r} is not in docs/openapi.yaml"
    assert answer.status == statuses[code], (
        f"{request}: {code} came with status {answer.status}; the contract says {statuses[code]}")
    validator = Draft202012Validator({"$ref": DOCUMENT_URI + ERROR_SCHEMA["$ref"]}, registry=_registry())
    problems = [error.message for error in validator.iter_errors(body)]
    assert not problems, f"{request}: the error body breaks the contract: {problems}"


def _follow(reference):
    node = openapi_document()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node
