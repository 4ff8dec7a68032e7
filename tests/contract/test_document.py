"""docs/openapi.yaml and the ``api_contract`` package state the same promises.

The apps take their codes, statuses and limits from ``api_contract``; clients read the document.
These tests fail as soon as the two disagree.
"""

import pytest

from api_contract import ERROR_STATUS, MAX_BATCH_SIZE, MAX_BODY_BYTES, error_body, openapi_document
from api_contract.errors import ERROR_MESSAGES
from tests.support.contract_check import contract_error_statuses

SCHEMAS = openapi_document()["components"]["schemas"]


def test_every_error_code_and_its_status_are_in_the_document():
    assert contract_error_statuses() == ERROR_STATUS
    assert SCHEMAS["ErrorCode"]["enum"] == list(ERROR_STATUS)


def test_every_fixed_message_belongs_to_a_listed_code():
    assert set(ERROR_MESSAGES) <= set(ERROR_STATUS)


def test_an_unlisted_code_cannot_be_sent():
    with pytest.raises(ValueError, match="not an error code of the contract"):
        error_body("teapot", "I am a teapot.")


def test_the_batch_limit_is_the_documents():
    instances = SCHEMAS["BatchRequest"]["properties"]["instances"]
    assert (instances["minItems"], instances["maxItems"]) == (1, MAX_BATCH_SIZE)
    assert SCHEMAS["BatchPrediction"]["properties"]["predictions"]["maxItems"] == MAX_BATCH_SIZE


def test_the_body_limit_is_the_documents():
    assert MAX_BODY_BYTES == 2**20
    assert "at most 1 MiB" in openapi_document()["info"]["description"]


def test_the_server_is_the_one_that_served_the_document():
    """A relative URL: clients such as FastAPI's /docs page call the server they read it from, on any port.

    (An absolute address, say port 8000, made every "Try it out" on another port fail.)
    """
    assert [server["url"] for server in openapi_document()["servers"]] == ["/"]
