"""Two tiny WSGI apps that stand in for an instance behind nginx, served by real gunicorn processes.

- ``echo`` answers 200 with what reached it, as JSON: the method, the path, the scheme gunicorn
  decided on, and every header, so a test sees exactly what nginx passed on;
- ``unavailable`` answers the contract's 503 ``service_unavailable`` with ``Retry-After``, as Django
  does when its database is down, to every request but the test's own readiness probe.

``stub_instance("echo")`` starts one on a free port of 127.0.0.1 and yields its address.
"""

import contextlib
import json
import sys

from api_contract import error_body, error_message
from course_helpers.processes import free_port, running_server
from penguin_model.data import REPO_ROOT

READY_PATH = "/stub-ready"  # asked directly, never through nginx


def echo(environ, start_response):
    """200, and what the request looked like when it arrived."""
    environ["wsgi.input"].read()  # the whole body, as an app would
    headers = {name[5:].replace("_", "-").lower(): value for name, value in environ.items()
               if name.startswith("HTTP_")}
    seen = {"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"],
            "scheme": environ["wsgi.url_scheme"], "headers": headers}
    return _answer(start_response, "200 OK", seen)


def unavailable(environ, start_response):
    """503 service_unavailable, whatever was asked."""
    if environ["PATH_INFO"] == READY_PATH:
        return _answer(start_response, "200 OK", {"status": "ok"})
    body = error_body("service_unavailable", error_message("service_unavailable"))
    return _answer(start_response, "503 Service Unavailable", body, [("Retry-After", "1")])


def _answer(start_response, status, document, headers=()):
    body = json.dumps(document).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                            *headers])
    return [body]


@contextlib.contextmanager
def stub_instance(name):
    """gunicorn serving ``name`` (``echo`` or ``unavailable``) on a free port; yield ``127.0.0.1:PORT``."""
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "gunicorn", "--bind", address, "--workers", "1", "--no-control-socket",
               "--chdir", str(REPO_ROOT), f"tests.support.stub_instances:{name}"]
    with running_server(command, f"http://{address}{READY_PATH}", cwd=REPO_ROOT):
        yield address
