"""Hostile and mistaken requests: each gets the right 4xx JSON error, never a 5xx.

Every case is one row of a table: what is sent, and the status, error code and (for
validation errors) the fields the details must name. The last test checks that the server
survived them all.
"""

import json

import pytest
import requests

from api_contract import ERROR_STATUS, MAX_BATCH_SIZE, MAX_BODY_BYTES, error_message
from api_contract.errors import ERROR_MESSAGES
from course_helpers.system_programs import is_root
from penguin_model.examples import ADELIE, GENTOO
from tests.support.api_clients import NO_CONTENT_TYPE, ApiResponse
from tests.support.contract_check import assert_listed_error
from tests.support.raw_http import send_raw

REQUIRED_FEATURES = ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
NESTING_DEPTH = 100_000  # far past Python's recursion limit, still well under 1 MiB


def features(**changes):
    """A valid penguin with some features replaced; a value of ``...`` removes the feature."""
    penguin = GENTOO | changes
    return {key: value for key, value in penguin.items() if value is not ...}


def raw_penguin(**raw_values):
    """A penguin as JSON text, with some values written literally (e.g. ``NaN``)."""
    text = json.dumps(GENTOO)
    for name, literal in raw_values.items():
        text = text.replace(f'"{name}": {json.dumps(GENTOO[name])}', f'"{name}": {literal}')
    return text


def case(case_id, body, code, fields=(), *, path="/api/predict", method="POST", content_type=None,
         nginx_code=None):
    """One row; ``nginx_code`` is the answer through nginx when nginx itself refuses the request."""
    codes = {"app": code, "nginx": nginx_code or code}
    return pytest.param(method, path, body, content_type, codes, set(fields), id=case_id)


def invalid(case_id, body, fields, **options):
    """A case that must fail validation, with details naming exactly ``fields``."""
    return case(case_id, body, "validation_error", fields, **options)


INVALID_JSON = [
    case("empty-body", b"", "invalid_json"),
    case("whitespace-body", b"  \n ", "invalid_json"),
    case("truncated-object", b'{"island": "Biscoe"', "invalid_json"),
    case("single-quotes", b"{'island': 'Biscoe'}", "invalid_json"),
    case("trailing-comma", b'{"island": "Biscoe",}', "invalid_json"),
    case("javascript-undefined", b'{"island": undefined}', "invalid_json"),
    case("nan-literal", raw_penguin(bill_length_mm="NaN"), "invalid_json"),
    case("infinity-literal", raw_penguin(body_mass_g="Infinity"), "invalid_json"),
    case("minus-infinity-literal", raw_penguin(bill_depth_mm="-Infinity"), "invalid_json"),
    case("number-too-long-to-parse", raw_penguin(body_mass_g="1" * 5000), "invalid_json"),
    case("deep-nesting", b"[" * NESTING_DEPTH + b"]" * NESTING_DEPTH, "invalid_json"),
    case("deep-nesting-in-a-field", raw_penguin(island='{"a":' * NESTING_DEPTH + "1" + "}" * NESTING_DEPTH),
         "invalid_json"),
    case("bad-utf8", b'{"island": "Bis\xffcoe"}', "invalid_json"),
    case("utf8-byte-order-mark", b"\xef\xbb\xbf" + json.dumps(GENTOO).encode(), "invalid_json"),
    case("latin1-encoded", json.dumps(features(island="Bíscoe"), ensure_ascii=False).encode("latin-1"),
         "invalid_json"),
    case("two-documents", json.dumps(GENTOO) * 2, "invalid_json"),
]

WRONG_VALUES = [
    invalid("number-as-string", features(bill_length_mm="47.5"), ["bill_length_mm"]),
    invalid("number-as-boolean", features(bill_length_mm=True), ["bill_length_mm"]),
    invalid("number-as-list", features(bill_length_mm=[47.5]), ["bill_length_mm"]),
    invalid("number-as-object", features(bill_length_mm={"value": 47.5}), ["bill_length_mm"]),
    invalid("number-is-null", features(bill_length_mm=None), ["bill_length_mm"]),
    invalid("category-as-number", features(island=3), ["island"]),
    invalid("nan-as-string", features(bill_depth_mm="NaN"), ["bill_depth_mm"]),
    invalid("infinity-as-string", features(bill_depth_mm="Infinity"), ["bill_depth_mm"]),
    invalid("overflowing-number", raw_penguin(flipper_length_mm="1e999"), ["flipper_length_mm"]),
    invalid("huge-integer", raw_penguin(body_mass_g="1" + "0" * 400), ["body_mass_g"]),
    invalid("too-large", features(flipper_length_mm=1000.0), ["flipper_length_mm"]),
    invalid("negative", features(bill_length_mm=-5.0), ["bill_length_mm"]),
    invalid("zero-mass", features(body_mass_g=0), ["body_mass_g"]),
    invalid("kilograms-not-grams", features(body_mass_g=5.2), ["body_mass_g"]),
    invalid("unknown-island", features(island="Atlantis"), ["island"]),
    invalid("island-wrong-case", features(island="biscoe"), ["island"]),
    invalid("unknown-sex", features(sex="unknown"), ["sex"]),
    invalid("accented-island", features(island="Bíscoe"), ["island"]),
    invalid("emoji-island", features(island="🐧"), ["island"]),
    invalid("lone-surrogate-island", raw_penguin(island='"\\ud800"'), ["island"]),
    invalid("extra-field", features(colour="black"), ["colour"]),
    invalid("extra-unicode-field", features(**{"größe": 1}), ["größe"]),
    # pydantic cannot even name a key that is not valid unicode, so it blames the body.
    invalid("extra-lone-surrogate-field", json.dumps(GENTOO)[:-1] + ', "\\udc00": 1}', ["body"]),
    invalid("missing-island", features(island=...), ["island"]),
    invalid("empty-object", {}, REQUIRED_FEATURES),
    invalid("body-is-list", [GENTOO], ["body"]),
    invalid("body-is-string", '"Gentoo"', ["body"]),
    invalid("body-is-number", "42", ["body"]),
    invalid("body-is-null", "null", ["body"]),
    invalid("body-is-true", "true", ["body"]),
]

BATCH = "/api/predict/batch"
BATCHES = [
    invalid("batch-empty", {"instances": []}, ["instances"], path=BATCH),
    invalid("batch-too-many", {"instances": [ADELIE] * (MAX_BATCH_SIZE + 1)}, ["instances"], path=BATCH),
    invalid("batch-not-a-list", {"instances": ADELIE}, ["instances"], path=BATCH),
    invalid("batch-null", {"instances": None}, ["instances"], path=BATCH),
    invalid("batch-missing-key", {}, ["instances"], path=BATCH),
    invalid("batch-extra-key", {"instances": [ADELIE], "verbose": True}, ["verbose"], path=BATCH),
    invalid("batch-body-is-list", [ADELIE], ["body"], path=BATCH),
    invalid("batch-bad-rows-named", {"instances": [ADELIE, features(body_mass_g="x"), features(island=...)]},
            ["instances[1].body_mass_g", "instances[2].island"], path=BATCH),
    invalid("batch-row-not-object", {"instances": [ADELIE, 7]}, ["instances[1]"], path=BATCH),
    case("batch-broken-json", b'{"instances": [', "invalid_json", path=BATCH),
    case("batch-nan-literal", '{"instances": [NaN]}', "invalid_json", path=BATCH),
]

HUGE_BODY = b'{"island": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}'
TRANSPORT = [
    case("huge-body", HUGE_BODY, "payload_too_large"),
    case("huge-batch-body", HUGE_BODY, "payload_too_large", path=BATCH),
    case("text-plain", json.dumps(GENTOO), "unsupported_media_type", content_type="text/plain"),
    case("form-encoded", b"island=Biscoe", "unsupported_media_type",
         content_type="application/x-www-form-urlencoded"),
    case("multipart", b"--x\r\n\r\n--x--", "unsupported_media_type",
         content_type="multipart/form-data; boundary=x"),
    case("xml", b"<penguin/>", "unsupported_media_type", content_type="application/xml"),
    case("text-json", json.dumps(GENTOO), "unsupported_media_type", content_type="text/json"),
    case("no-content-type", json.dumps(GENTOO), "unsupported_media_type", content_type=NO_CONTENT_TYPE),
    case("batch-text-plain", json.dumps({"instances": [GENTOO]}), "unsupported_media_type", path=BATCH,
         content_type="text/plain"),
    case("get-predict", None, "method_not_allowed", method="GET"),
    case("put-predict", GENTOO, "method_not_allowed", method="PUT"),
    case("delete-batch", None, "method_not_allowed", method="DELETE", path=BATCH),
    case("patch-batch", {"instances": [GENTOO]}, "method_not_allowed", method="PATCH", path=BATCH),
    case("post-health", {}, "method_not_allowed", path="/api/health"),
    case("delete-model", None, "method_not_allowed", method="DELETE", path="/api/model"),
    # Not in the contract, so not allowed: no framework's own answer (Flask's empty HTML, DRF's metadata).
    case("options-predict", None, "method_not_allowed", method="OPTIONS"),
    case("unknown-path", None, "not_found", method="GET", path="/api/does-not-exist"),
    case("post-unknown-path", GENTOO, "not_found", path="/api/classify"),
    case("api-root", None, "not_found", method="GET", path="/api/"),
    case("wrong-case-path", GENTOO, "not_found", path="/api/PREDICT"),
    case("trailing-slash", GENTOO, "not_found", path="/api/predict/"),
    case("path-below-batch", {"instances": [GENTOO]}, "not_found", path="/api/predict/batch/extra"),
    case("unicode-path", None, "not_found", method="GET", path="/api/%F0%9F%90%A7"),
    # nginx decodes the path, sees it climb above the root, and refuses to route it.
    case("traversal-path", None, "not_found", method="GET", path="/api/..%2f..%2fetc%2fpasswd",
         nginx_code="bad_request"),
]


ALL_CASES = INVALID_JSON + WRONG_VALUES + BATCHES + TRANSPORT


@pytest.mark.parametrize(("method", "path", "body", "content_type", "codes", "fields"), ALL_CASES)
def test_hostile_input_gets_a_clear_client_error(api, method, path, body, content_type, codes, fields):
    code = codes["nginx" if api.behind_nginx else "app"]
    answer = api.request(method, path, body=body, content_type=content_type)
    error = answer.json()
    assert (answer.status, error["error"]) == (ERROR_STATUS[code], code), error
    assert error["message"].strip()
    if code in ERROR_MESSAGES:  # worded by the contract, so every app says the same
        assert error["message"] == error_message(code)
    named = {detail["field"] for detail in error["details"]}
    assert named == fields, f"details name {named}, expected {fields}: {error['details']}"
    assert all(detail["message"].strip() for detail in error["details"])


def test_validation_details_name_the_broken_rule(api):
    answer = api.request("POST", "/api/predict", body=features(flipper_length_mm=1000.0, island="Atlantis"))
    rules = {detail["field"]: detail["rule"] for detail in answer.json()["details"]}
    assert rules == {"flipper_length_mm": "less_than_equal", "island": "literal_error"}


@pytest.mark.parametrize(
    ("method", "path", "allowed"), [("GET", "/api/predict", "POST"), ("POST", "/api/model", "GET")]
)
def test_method_not_allowed_says_which_methods_are(api, method, path, allowed):
    # HTTP requires a 405 to list the allowed methods in its Allow header.
    answer = api.request(method, path)
    headers = {name.lower(): value for name, value in answer.headers.items()}
    assert answer.status == 405
    assert allowed in {name.strip() for name in headers.get("allow", "").split(",")}, headers


@pytest.mark.parametrize("key", ["", "x" * 256, "two words"], ids=["empty", "too-long", "space"])
@pytest.mark.parametrize("path", ["/api/predict", BATCH])
def test_a_malformed_idempotency_key_is_a_validation_error_naming_the_header(api, path, key):
    """Every app checks the header alike (api_contract.idempotency), whether or not it stores anything."""
    body = GENTOO if path == "/api/predict" else {"instances": [GENTOO]}
    answer = api.request("POST", path, body=body, headers={"Idempotency-Key": key})
    assert (answer.status, answer.json()["error"]) == (400, "validation_error"), answer.json()
    assert [detail["field"] for detail in answer.json()["details"]] == ["Idempotency-Key"]


def test_a_good_idempotency_key_is_accepted_by_every_app(api):
    answer = api.request("POST", "/api/predict", body=ADELIE, headers={"Idempotency-Key": '"a-uuid-or-so"'})
    assert answer.json()["species"] == "Adelie"


CHUNKED_HEAD = (b"POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
PENGUIN = json.dumps(GENTOO).encode()
BROKEN_CHUNKS = {
    "size-not-a-number": CHUNKED_HEAD + b"ZZ\r\n" + PENGUIN + b"\r\n0\r\n\r\n",
    "negative-size": CHUNKED_HEAD + b"-5\r\n" + PENGUIN + b"\r\n0\r\n\r\n",
    "chunk-longer-than-its-size": CHUNKED_HEAD + b"5\r\n" + PENGUIN + b"\r\n0\r\n\r\n",
}
# These servers parse the chunks themselves before the app reads a byte, and refuse a broken one with
# a plain-text 400 of their own (tests/contract/test_server_refusals.py lists what each server answers
# by itself). gunicorn hands the chunks to the app as they come, and nginx reads them first: there the
# answer is the contract's JSON.
SERVERS_THAT_REFUSE_BROKEN_CHUNKS = {"flask-waitress", "django-waitress", "fastapi-uvicorn",
                                     "streamlit-server"}


@pytest.mark.real_servers
@pytest.mark.parametrize("case", BROKEN_CHUNKS)
def test_a_broken_chunked_body_is_a_client_error(api, case):
    answer = send_raw(api.base_url, BROKEN_CHUNKS[case], ca_file=api.ca_file)
    assert answer.status == 400, answer
    if api.target_name in SERVERS_THAT_REFUSE_BROKEN_CHUNKS:
        assert answer.content_type == "text/plain", answer
    else:
        response = ApiResponse(answer.status, answer.content_type, answer.body)
        assert_listed_error(response, f"{case} on {api.target_name}")
        assert response.json()["error"] == "bad_request"


@pytest.mark.real_servers
def test_a_client_that_stops_half_way_through_a_chunked_body_causes_no_server_error(api):
    """The body announces 64 bytes and the client closes after 10: no answer, or a client error; and the
    server goes on answering others."""
    answer = send_raw(api.base_url, CHUNKED_HEAD + b"40\r\n" + PENGUIN[:10], ca_file=api.ca_file,
                      end_after_sending=True)
    assert answer is None or 400 <= answer.status < 500, answer
    assert api.request("GET", "/api/health").status == 200


@pytest.mark.real_servers
def test_a_chunked_body_over_the_limit_is_refused(api, request):
    """Without a Content-Length the limit holds all the same: the contract's 413, never a body read whole."""
    if api.behind_nginx and is_root():
        request.applymarker(pytest.mark.xfail(reason=(
            "nginx run as root (CI) sometimes answers 500: it starts writing such a body to its "
            "client_body temporary folder, which its worker, run as nobody, cannot open (scale_out.py's "
            "scratch folder); reported to the maintainers of deploy/nginx")))
    chunks = (b" " * 65_536 for _ in range(MAX_BODY_BYTES // 65_536 + 1))  # a generator: sent in chunks
    answer = requests.post(f"{api.base_url}/api/predict", data=chunks, timeout=60,
                           headers={"Content-Type": "application/json"})
    assert answer.request.headers["Transfer-Encoding"] == "chunked"
    assert (answer.status_code, answer.json()["error"]) == (413, "payload_too_large")


def test_server_still_answers_after_hostile_inputs(api):
    assert api.request("GET", "/api/health").status == 200
    assert api.request("POST", "/api/predict", body=GENTOO).json()["species"] == "Gentoo"
