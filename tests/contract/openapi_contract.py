"""Check an ``ApiResponse`` against docs/openapi.yaml: status allowed, body valid JSON Schema.

The contract is the one document the apps are built from; validating every answer against it
keeps the document, Flask and Django from drifting apart.
"""

import functools

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from penguin_model.contract import openapi_document

DOCUMENT_URI = "urn:penguin-api:openapi"
ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


@functools.cache
def _registry():
    resource = Resource.from_contents(openapi_document(), default_specification=DRAFT202012)
    return Registry().with_resource(DOCUMENT_URI, resource)


def expected_schema(method, path, status):
    """The schema the contract promises for this answer; ``AssertionError`` if it promises none."""
    path_item = openapi_document()["paths"].get(path)
    if path_item is None:
        assert status == 404, f"{method} {path}: unknown path answered {status}, the contract says 404"
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
    """The answer is JSON, and its body is valid against the contract's schema for it."""
    assert answer.content_type == "application/json", (
        f"{method} {path} answered {answer.status} with Content-Type {answer.content_type!r}: "
        f"{answer.body[:200]!r}"
    )
    schema = expected_schema(method, path.split("?")[0], answer.status)
    # Anchor the schema in the document so its "#/components/..." references resolve.
    anchored = {"$ref": DOCUMENT_URI + schema["$ref"]} if "$ref" in schema else schema
    validator = Draft202012Validator(anchored, registry=_registry())
    errors = validator.iter_errors(answer.json())
    problems = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]
    assert not problems, f"{method} {path} ({answer.status}) breaks the contract: {problems}"


def _follow(reference):
    node = openapi_document()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node
