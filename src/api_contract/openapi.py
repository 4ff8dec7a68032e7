"""The contract document, docs/openapi.yaml, which every API serves at /api/openapi.json."""

import functools

import yaml

from penguin_model.data import REPO_ROOT

OPENAPI_PATH = REPO_ROOT / "docs" / "openapi.yaml"


@functools.cache
def openapi_document():
    """The contract as a dict, read once per process."""
    return yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))
