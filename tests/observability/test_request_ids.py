"""Every request gets the server's own id; the client's id is kept apart, and a proxy is believed only when
it is trusted (PENGUIN_TRUSTED_PROXIES, ``api_contract.proxies``).

A client may send any X-Request-ID, the same one for several requests, so the id that names a request in
the log is always the server's: a new one, or behind a trusted proxy (nginx) the proxy's own, so that both
logs name the request alike. What the client sent is logged as ``client_request_id``.
"""

import re

import pytest

from api_contract.proxies import TRUSTED_PROXIES_VARIABLE

NEW_ID = re.compile(r"[0-9a-f]{32}")  # uuid4().hex
NGINX_ID = "0f8e5d4c3b2a19081726354453627180"  # nginx's $request_id: 32 hex digits
STRANGER = "203.0.113.9"  # a documentation address (RFC 5737): a peer that is no trusted proxy


def test_each_request_gets_a_new_id_of_the_servers(client, access_log):
    answers = [client.get("/api/health") for _ in range(2)]
    identifiers = [answer.headers["X-Request-ID"] for answer in answers]
    assert all(NEW_ID.fullmatch(identifier) for identifier in identifiers)
    assert identifiers[0] != identifiers[1]
    assert [line["request_id"] for line in access_log()] == identifiers


def test_a_clients_id_is_logged_beside_the_servers_and_never_replaces_it(client, access_log):
    """Three requests with one client id: three request ids, the client's id on each line."""
    answers = [client.get("/api/health", headers={"X-Request-ID": "checkout-42"}) for _ in range(3)]
    lines = access_log()
    assert len({answer.headers["X-Request-ID"] for answer in answers}) == 3
    assert [line["request_id"] for line in lines] == [answer.headers["X-Request-ID"] for answer in answers]
    assert [line["client_request_id"] for line in lines] == ["checkout-42"] * 3


def test_without_a_client_id_the_field_is_null(client, access_log):
    client.get("/api/health")
    assert access_log()[0]["client_request_id"] is None


@pytest.mark.parametrize(("sent", "logged"), [
    ("two words", "two words"),
    ("<script>", "<script>"),
    ("caf\u00c3\u00a9", "café"),  # UTF-8 as the server hands it over (one Latin-1 character per byte)
    ("bad\u00ff", "bad\\xff"),  # a byte that is no UTF-8: an escape, not a lost character
], ids=["space", "markup", "utf8", "not-utf8"])
def test_a_clients_id_is_logged_as_sent_and_escaped(client, access_log, sent, logged):
    client.get("/api/health", headers={"X-Request-ID": sent})
    [line] = access_log()
    assert line["client_request_id"] == logged
    assert NEW_ID.fullmatch(line["request_id"])


@pytest.mark.parametrize("path", ["/api/health", "/api/nowhere", "/", "/metrics"])
def test_every_answer_names_the_model_version(client, model, path):
    answer = client.get(path)
    assert answer.headers["X-Model-Version"] == model.version
    assert NEW_ID.fullmatch(answer.headers["X-Request-ID"])


def test_a_trusted_proxy_names_the_request_and_the_client(trusting_client, access_log):
    """What nginx sends (deploy/nginx): its own id, the client's id and the client's address."""
    client = trusting_client("127.0.0.1")
    answer = client.get("/api/health", headers={"X-Request-ID": NGINX_ID, "X-Client-Request-ID": "retry-7",
                                                "X-Forwarded-For": "198.51.100.23"})
    [line] = access_log()
    assert answer.headers["X-Request-ID"] == NGINX_ID
    assert (line["request_id"], line["client_request_id"], line["client"]) == (NGINX_ID, "retry-7",
                                                                               "198.51.100.23")


def test_a_trusted_proxys_id_must_be_a_plain_token(trusting_client, access_log):
    trusting_client("127.0.0.0/8").get("/api/health", headers={"X-Request-ID": "not a token"})
    assert NEW_ID.fullmatch(access_log()[0]["request_id"])


def test_anyone_else_is_not_believed(trusting_client, access_log):
    """The same headers from a peer that is not a trusted proxy: the server's own id, the peer's address."""
    client = trusting_client("127.0.0.1")
    forged = {"X-Request-ID": NGINX_ID, "X-Client-Request-ID": "forged", "X-Forwarded-For": "1.2.3.4"}
    client.get("/api/health", environ_base={"REMOTE_ADDR": STRANGER}, headers=forged)
    [line] = access_log()
    assert NEW_ID.fullmatch(line["request_id"]) and line["request_id"] != NGINX_ID
    assert (line["client_request_id"], line["client"]) == (NGINX_ID, STRANGER)


def test_by_default_no_proxy_is_trusted(client, access_log):
    client.get("/api/health", headers={"X-Forwarded-For": "198.51.100.23", "X-Request-ID": NGINX_ID})
    [line] = access_log()
    assert (line["client"], line["client_request_id"]) == ("127.0.0.1", NGINX_ID)


@pytest.mark.parametrize("value", ["nginx", "127.0.0.1,10.0.0.0/33"])
def test_a_wrong_list_of_proxies_stops_the_app_from_starting(monkeypatch, value):
    from api_contract.observability import observed

    monkeypatch.setenv(TRUSTED_PROXIES_VARIABLE, value)
    with pytest.raises(ValueError, match=TRUSTED_PROXIES_VARIABLE):
        observed(lambda environ, start_response: [], model_version=lambda: "1.0.0")


def test_only_a_trusted_proxy_can_say_the_request_came_over_https(trusting_django, settings):
    """Django's SECURE_PROXY_SSL_HEADER (the production settings) believes X-Forwarded-Proto; a client
    that is no proxy sends it in vain, and its plain HTTP request is sent to HTTPS."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    client = trusting_django("127.0.0.1")
    by_the_proxy = client.get("/api/health", headers={"X-Forwarded-Proto": "https"})
    by_a_stranger = client.get("/api/health", headers={"X-Forwarded-Proto": "https"},
                               environ_base={"REMOTE_ADDR": STRANGER})
    assert by_the_proxy.status_code == 200
    assert by_a_stranger.status_code == 301 and by_a_stranger.headers["Location"].startswith("https://")
