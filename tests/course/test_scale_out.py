"""Several instances behind nginx (``course_helpers.scale_out``, `make serve-scaled`), as in chapter 07.

What every API answers through nginx is the contract suite's job (its ``*-nginx-tls`` targets); these
tests check what nginx itself promises (deploy/nginx/penguin.conf): TLS with plain HTTP redirected,
the Host allow-list, the headers an instance is told, the limits, the admin's doors, an instance
answering 503 taken out, JSON for every answer of its own, slow clients kept away from the
instances, and `make serve-scaled`'s start, logs and stop.

Real nginx, real gunicorn, real TLS (checked against the course's CA). Where a test needs to see
what reached an instance, or an instance that answers 503, a stub WSGI app under gunicorn stands in
for the app (``tests/support/stub_instances.py``).
"""

import contextlib
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time

import pytest
import requests

from api_contract import ERROR_STATUS, MAX_BATCH_SIZE, MAX_BODY_BYTES, error_message
from course_helpers.certificates import local_certificate
from course_helpers.processes import free_port, port_is_free, running_server, server_output
from course_helpers.scale_out import (
    EdgeRules,
    behind_nginx,
    contract_error,
    nginx_config,
    nginx_in_front,
    nginx_program,
)
from penguin_model.data import REPO_ROOT
from penguin_model.examples import GENTOO
from tests.support.make_targets import TRAINED_MODEL
from tests.support.needs import require_nginx
from tests.support.raw_http import send_raw
from tests.support.slow_clients import slow_uploads
from tests.support.stub_instances import READY_PATH, stub_instance

NGINX_REQUEST_ID = re.compile("[0-9a-f]{32}")


@pytest.fixture(autouse=True)
def needs_nginx():
    require_nginx()


@pytest.fixture(scope="module")
def deployment(model_dir):
    """Two Flask instances behind nginx, as `make serve-scaled` starts them."""
    require_nginx()
    with behind_nginx("flask", instances=2, model_dir=model_dir) as running:
        yield running


@pytest.fixture(scope="module")
def echo():
    """The address of a gunicorn serving the echo stub: it answers with what reached it."""
    require_nginx()
    with stub_instance("echo") as address:
        yield address


@contextlib.contextmanager
def front(addresses, logs, **rules):
    """nginx in front of ``addresses`` with the course's rules, some of them changed."""
    with nginx_in_front(addresses, logs, rules=EdgeRules(**rules), ready_path=READY_PATH) as running:
        yield running


def get(deployment, path, **options):
    return requests.get(deployment.url + path, verify=deployment.ca_file, timeout=30, **options)


def post(deployment, path, **options):
    return requests.post(deployment.url + path, verify=deployment.ca_file, timeout=30, **options)


def assert_contract_error(answer, code):
    """nginx's own answer: the contract's JSON error ``code``, with its status and sentence."""
    assert answer.headers["Content-Type"] == "application/json"
    assert (answer.status_code, answer.json()["error"]) == (ERROR_STATUS[code], code), answer.text
    assert answer.json()["message"] == error_message(code)


def logged(deployment, matches, count):
    """The lines of nginx's log that ``matches``, once there are ``count``: nginx writes a request's line
    just after it has answered, so a client may read the answer a moment before the line exists."""
    deadline = time.monotonic() + 30
    while len(found := [entry for entry in deployment.access_log() if matches(entry)]) < count:
        assert time.monotonic() < deadline, f"nginx logged {len(found)} of the {count} requests: {found}"
        time.sleep(0.05)
    return found


def test_nginx_accepts_the_configuration_it_is_given(tmp_path):
    """`nginx -t` checks the file filled in from deploy/nginx/penguin.conf, as nginx will read it."""
    config = tmp_path / "nginx.conf"
    instances = ["127.0.0.1:8401", "127.0.0.1:8402"]
    text = nginx_config("127.0.0.1:8400", "127.0.0.1:8480", instances, tmp_path, down={instances[1]},
                        certificate=local_certificate())
    config.write_text(text, encoding="utf-8")
    checked = subprocess.run([nginx_program(), "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(config)],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert f"client_max_body_size {MAX_BODY_BYTES};" in text
    assert "server 127.0.0.1:8402 down;" in text


def test_the_largest_answer_fits_in_nginx_memory(deployment):
    """A batch's answer is read whole from the instance, so a client that reads it slowly holds nginx only."""
    answer = post(deployment, "/api/predict/batch", json={"instances": [GENTOO] * MAX_BATCH_SIZE})
    assert answer.status_code == 200  # its body, over 16k, waited in a temporary file of nginx's
    config = (deployment.nginx_folder / "nginx.conf").read_text(encoding="utf-8")
    count, size = re.search(r"proxy_buffers (\d+) (\d+)k;", config).groups()
    assert len(answer.content) <= int(count) * int(size) * 1024


def test_the_certificate_passes_a_strict_check_and_nothing_else_vouches_for_it(deployment):
    """The course's CA vouches for nginx's certificate, under the checks browsers and Python 3.13 make."""
    context = ssl.create_default_context(cafile=deployment.ca_file)
    context.verify_flags |= ssl.VERIFY_X509_STRICT
    host, port = deployment.url.removeprefix("https://").split(":")
    with context.wrap_socket(socket.create_connection((host, int(port)), timeout=30),
                             server_hostname=host) as connection:
        assert connection.version() in ("TLSv1.2", "TLSv1.3")
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{deployment.url}/api/health", timeout=30)  # the system's CAs do not know it


def test_plain_http_redirects_pages_and_refuses_the_rest(deployment):
    """GET moves to HTTPS; a POST is refused, not redirected: its body has crossed the network already."""
    moved = requests.get(f"{deployment.http_url}/api/health?x=1", allow_redirects=False, timeout=30)
    assert (moved.status_code, moved.headers["Location"]) == (301, f"{deployment.url}/api/health?x=1")
    assert moved.headers["Content-Type"] == "application/json"
    followed = requests.get(f"{deployment.http_url}/api/health", verify=deployment.ca_file, timeout=30)
    assert (followed.status_code, followed.url) == (200, f"{deployment.url}/api/health")
    refused = requests.post(f"{deployment.http_url}/api/predict", json=GENTOO, timeout=30)
    assert_contract_error(refused, "https_required")
    plain_to_the_tls_port = deployment.url.replace("https://", "http://")
    to_the_tls_port = requests.post(f"{plain_to_the_tls_port}/api/predict", json=GENTOO, timeout=30)
    assert_contract_error(to_the_tls_port, "https_required")


def test_requests_are_shared_out_and_logged_under_nginx_own_id(deployment):
    """nginx's log and the instance's answer carry nginx's id; the client's own id is logged apart, raw."""
    offered = [f"test-{number}" for number in range(11)] + ["two words"]
    answers = [post(deployment, "/api/predict", json=GENTOO, headers={"X-Request-ID": offered_id})
               for offered_id in offered]
    assert {answer.json()["species"] for answer in answers} == {"Gentoo"}
    entries = logged(deployment, lambda entry: entry["client_request_id"] in offered, len(offered))
    by_client_id = {entry["client_request_id"]: entry for entry in entries}
    for offered_id, answer in zip(offered, answers, strict=True):
        entry = by_client_id[offered_id]
        assert NGINX_REQUEST_ID.fullmatch(entry["request_id"]), entry
        assert answer.headers["X-Request-ID"] == entry["request_id"]
        assert entry["remote_addr"] == "127.0.0.1" and entry["tls"] in ("TLSv1.2", "TLSv1.3"), entry
        assert float(entry["upstream_seconds"]) >= 0
    assert {entry["upstream"] for entry in entries} == {server.url.removeprefix("http://")
                                                        for server in deployment.instances}


def test_a_host_nginx_does_not_serve_is_refused_before_any_instance(deployment):
    for url in (deployment.url, deployment.http_url):
        answer = requests.get(f"{url}/api/health", headers={"Host": "penguins.example"}, timeout=30,
                              verify=deployment.ca_file, allow_redirects=False)
        assert_contract_error(answer, "bad_request")
    refused = logged(deployment, lambda entry: entry["host"] == "penguins.example", 2)
    assert [entry["upstream"] for entry in refused] == ["", ""]


def test_a_clients_scheme_headers_no_longer_make_gunicorn_refuse(deployment):
    """X-Forwarded-Ssl: on beside nginx's X-Forwarded-Proto made gunicorn answer HTML 400 for any path."""
    spoofed = {"X-Forwarded-Ssl": "on", "X-Forwarded-Proto": "http", "X-Forwarded-Protocol": "ssl"}
    answer = get(deployment, "/api/health", headers=spoofed)
    assert (answer.status_code, answer.json()["status"]) == (200, "ok")


@pytest.mark.parametrize("request_bytes", [
    b"GARBAGE\r\n\r\n",
    b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 20_000 + b"\r\n\r\n",
    b"POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n",
    b"GET /api/health HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n",
], ids=["broken-request-line", "header-over-8k", "unknown-transfer-coding", "http-version-2-in-text"])
def test_a_request_nginx_cannot_read_gets_the_contracts_400(deployment, request_bytes):
    """nginx's own 400, 494, 501 and 505 pages were HTML; each is the client's mistake, in JSON."""
    answer = send_raw(deployment.url, request_bytes, ca_file=deployment.ca_file)
    assert (answer.status, answer.body) == (400, contract_error("bad_request"))


def test_metrics_are_not_served_to_the_public(deployment):
    assert_contract_error(get(deployment, "/metrics"), "permission_denied")


def test_slow_clients_reach_nginx_only(deployment):
    """Two bodies sent a byte a second wait in nginx; the instances' sync workers never see them."""
    with slow_uploads(deployment.url, count=2, ca_file=deployment.ca_file) as clients:
        answer = get(deployment, "/api/health")
        still_sending = [client.still_sending() for client in clients]
    assert (answer.status_code, still_sending) == (200, [True, True])


def test_an_instance_is_told_what_nginx_knows_and_nothing_a_client_claims(echo, tmp_path):
    """The headers the apps trust from nginx (PENGUIN_TRUSTED_PROXIES) are nginx's own."""
    claims = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "http", "X-Forwarded-Ssl": "on",
              "X-Forwarded-Host": "evil.example", "X-Forwarded-Port": "1", "X-Real-IP": "203.0.113.9",
              "Forwarded": "for=203.0.113.9;proto=http", "X-Client-Request-ID": "forged",
              "X-Request-ID": "the client's id"}
    with front([echo], tmp_path) as running:
        seen = get(running, "/api/health", headers=claims).json()
        (entry,) = logged(running, lambda entry: entry["request"].startswith("GET /api/health"), 1)
    headers = seen["headers"]
    assert headers["x-forwarded-for"] == "127.0.0.1"  # replaced, not appended to
    assert (headers["x-forwarded-proto"], seen["scheme"]) == ("https", "https")
    assert headers["x-request-id"] == entry["request_id"]
    assert NGINX_REQUEST_ID.fullmatch(headers["x-request-id"])
    assert headers["x-client-request-id"] == "the client's id" == entry["client_request_id"]
    assert headers["host"] == running.url.removeprefix("https://")
    assert not {"x-forwarded-ssl", "x-forwarded-protocol", "x-forwarded-host", "x-forwarded-port",
                "x-real-ip", "forwarded"} & set(headers), headers


def until_refused(send, most=5):
    """The answers to ``send()``, called until one is 429 (at most ``most`` times)."""
    answers = [send()]
    while answers[-1].status_code != 429 and len(answers) < most:
        answers.append(send())
    return answers


def test_over_the_rate_an_address_gets_429_before_any_instance(echo, tmp_path):
    with front([echo], tmp_path, unlimited=(), request_rate="1r/m", request_burst=1) as running:
        *passed, refused = until_refused(lambda: get(running, "/api/health"))
        (last,) = logged(running, lambda entry: entry["status"] == 429, 1)
    assert {answer.status_code for answer in passed} <= {200}
    assert_contract_error(refused, "too_many_requests")
    assert refused.headers["Retry-After"] == "1"  # refused unseen by any instance: safe to send again
    assert last["upstream"] == ""


def test_this_machine_is_not_rate_limited_by_default(echo, tmp_path):
    """The course's load tests run here: loopback is on the `unlimited` list."""
    with front([echo], tmp_path, request_rate="1r/m", request_burst=1) as running:
        assert [get(running, "/api/health").status_code for _ in range(5)] == [200] * 5


def test_open_connections_per_address_are_bounded(echo, tmp_path):
    """A slow upload holds one of the address's connections: with a bound of one, the next request is 429."""
    with (front([echo], tmp_path, unlimited=(), connections_per_address=1) as running,
          slow_uploads(running.url, count=1, ca_file=running.ca_file)):
        answer = get(running, "/api/health")
    assert_contract_error(answer, "too_many_requests")


def test_the_admin_opens_only_to_the_allowed_networks(echo, tmp_path):
    with front([echo], tmp_path) as running:
        assert get(running, "/admin/").json()["path"] == "/admin/"  # this machine: allowed by default
    with front([echo], tmp_path, admin_networks=()) as running:
        for path in ("/admin/", "/admin/login/", "/admin/predictor/"):
            assert_contract_error(get(running, path), "permission_denied")


def test_password_guessing_on_the_admin_login_is_slowed(echo, tmp_path):
    """Each wrong password costs an instance most of a second of CPU: POSTs to the login are rate-limited."""
    with front([echo], tmp_path, login_rate="1r/m", login_burst=1) as running:
        shown = [get(running, "/admin/login/").status_code for _ in range(3)]  # the form: not limited
        *passed, refused = until_refused(lambda: post(running, "/admin/login/", data={"username": "a"}))
    assert shown == [200, 200, 200]
    assert passed and {answer.status_code for answer in passed} == {200}
    assert_contract_error(refused, "too_many_requests")


def test_an_instance_answering_503_is_skipped_for_gets_but_a_post_is_never_sent_twice(echo, tmp_path):
    """`proxy_next_upstream http_503`: a GET goes on to the next instance; a POST gets the 503 it caused."""
    with stub_instance("unavailable") as unavailable, front([unavailable, echo], tmp_path) as running:
        posts = [post(running, "/api/predict", json=GENTOO) for _ in range(4)]
        gets = [get(running, "/api/health") for _ in range(4)]
        log = logged(running, lambda entry: entry["request"].startswith(("GET /api", "POST")), 8)
    assert {answer.status_code for answer in gets} == {200}
    assert any(entry["upstream_status"] == "503, 200" for entry in log if entry["request"].startswith("GET"))
    refused = [answer for answer in posts if answer.status_code != 200]
    assert refused, "round robin sends every other POST to the instance that answers 503"
    for answer in refused:  # the instance's own answer, passed on, with its invitation to retry
        assert_contract_error(answer, "service_unavailable")
        assert answer.headers["Retry-After"] == "1"
    assert all("," not in entry["upstream"] for entry in log if entry["request"].startswith("POST"))


def test_with_no_instance_left_nginx_answers_502_without_an_invitation_to_retry(model_dir):
    """The instance may have stored the POST before it died: 502 bad_gateway, no Retry-After."""
    with behind_nginx("flask", instances=1, model_dir=model_dir) as running:
        (instance,) = running.instances
        instance.process.terminate()
        instance.process.wait(timeout=30)
        answer = post(running, "/api/predict", json=GENTOO)
    assert_contract_error(answer, "bad_gateway")
    assert "Retry-After" not in answer.headers


def test_an_instance_taken_out_of_rotation_gets_no_more_requests(model_dir):
    with behind_nginx("flask", instances=2, model_dir=model_dir) as running:
        running.take_out_of_rotation(0)
        before = len(running.access_log())
        for _ in range(10):
            post(running, "/api/predict", json=GENTOO).raise_for_status()
        upstreams = {entry["upstream"] for entry in logged(running, lambda entry: True, before + 10)[before:]}
    assert upstreams == {running.instances[1].url.removeprefix("http://")}


def wait_for_text(process, text, timeout=30):
    deadline = time.monotonic() + timeout
    while text not in server_output(process):
        assert time.monotonic() < deadline, f"{text!r} never printed: {server_output(process)}"
        time.sleep(0.1)


def free_ports_in_a_row(count):
    """A port whose next ``count - 1`` ports are free too (make serve-scaled puts instances there)."""
    for _ in range(50):
        first = free_port()
        if all(port_is_free(first + offset) for offset in range(1, count)):
            return first
    raise RuntimeError("no block of free ports found")


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a console event on Windows, not SIGINT")
def test_make_serve_scaled_starts_everything_keeps_its_logs_and_ctrl_c_stops_everything(model_dir):
    """The documented command: HTTPS on PORT, the instances after it, the redirect on HTTP_PORT; logs
    in var/serve-scaled/flask/ that outlive it; Ctrl-C leaves no process behind."""
    port, http_port = free_ports_in_a_row(3), free_port()
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    command = ["make", "--no-print-directory", "-o", TRAINED_MODEL, "serve-scaled", f"PORT={port}",
               f"HTTP_PORT={http_port}", "INSTANCES=2", f"PYTHON={sys.executable}"]
    certificate = local_certificate()
    with running_server(command, f"https://127.0.0.1:{port}/api/health", env=environment, cwd=REPO_ROOT,
                        timeout=120, new_session=True, verify=str(certificate.authority)) as make:
        for instance_port in (port + 1, port + 2):
            assert requests.get(f"http://127.0.0.1:{instance_port}/api/health", timeout=10).ok
        wait_for_text(make, "Ctrl-C stops them all.")
        page = requests.get(f"http://127.0.0.1:{http_port}/", verify=str(certificate.authority), timeout=10)
        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: every process of the group
        make.wait(timeout=60)
        output = server_output(make)
    assert "Starting 2 Flask instances and nginx" in output
    redirect = f"(http://127.0.0.1:{http_port}/ redirects there)"
    assert f"nginx at https://127.0.0.1:{port}/ in front of:  {redirect}" in output
    assert f"curl --cacert {certificate.authority.relative_to(REPO_ROOT).as_posix()} " in output
    assert (page.status_code, page.headers["Content-Type"].split(";")[0]) == (200, "text/html")
    assert "Stopped nginx and the instances. Their logs stay in var/serve-scaled/flask/." in output
    assert "Traceback" not in output
    assert group_ended(make.pid), "a process of the group is still running"
    assert all(port_is_free(port + offset) for offset in range(3)) and port_is_free(http_port), output
    logs = REPO_ROOT / "var" / "serve-scaled" / "flask"
    assert "GET / HTTP/1.1" in (logs / "access.log").read_text(encoding="utf-8")
    assert "Booting worker" in (logs / "instance-1.log").read_text(encoding="utf-8")
    assert (logs / "instance-2.log").exists() and (logs / "error.log").exists()


def group_ended(group, timeout=30):
    """Whether every process of the process group ``group`` has ended within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # posix only: the test above, which Windows skips. Signal 0 asks if the group has a process.
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False
