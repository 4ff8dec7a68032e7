"""The APIs the contract suite runs against, and how to add one.

A *target* is a context-manager factory registered under a name. Called with the folder of a
saved model (``model_dir``), it starts one implementation of the API (in process, or as a real
server process), yields a *client*, and stops everything when the ``with`` block ends. A client
has one method::

    client.request(method, path, *, body=None, content_type=None) -> ApiResponse

- ``body``: ``None`` (no body), ``bytes`` (sent as is), ``str`` (sent as UTF-8), or any other
  value, which is sent as JSON (``json.dumps``).
- ``content_type``: ``None`` means ``application/json`` when there is a body and no header
  when there is none; ``NO_CONTENT_TYPE`` sends no Content-Type header at all; any other
  string is sent as the Content-Type header.

``tests/contract/conftest.py`` runs every contract test once per registered target.

How to add a target (for example Django) WITHOUT editing any test file:

1. Create ``tests/contract/targets_<framework>.py`` (the conftest imports every
   ``targets_*.py`` module in this folder, so the file name is all the wiring there is).
2. In it, write a factory and register it::

       import contextlib
       from tests.contract.targets import ApiResponse, encode_request, register

       @register("django-test-client")
       @contextlib.contextmanager
       def django_test_client(model_dir):
           ...  # point the app at model_dir, build a client
           yield MyClient(...)  # its .request(...) returns ApiResponse(status, content_type, body)

   For a real server, reuse ``RequestsClient`` and ``penguin_model.serving.running_server``
   exactly as ``flask_gunicorn`` below does. ``encode_request`` turns ``body`` and
   ``content_type`` into the bytes and headers to send, so every target sends the same thing.
3. Run ``pytest tests/contract``: test ids now include ``[django-test-client]``.

Every client counts the requests it sends in ``REQUEST_COUNTS`` (per target); the conftest
prints the counts at the end of the run.
"""

import collections
import contextlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import requests

from penguin_model.serving import free_port, python_command, running_server

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS_DIR = REPO_ROOT / "apps"
NO_CONTENT_TYPE = object()
TARGETS = {}
REQUEST_COUNTS = collections.Counter()


@dataclass(frozen=True)
class ApiResponse:
    """What the contract tests look at: status, media type (no parameters), raw body, headers.

    ``headers`` is a plain dict (header names as the server sent them); the 405 test reads Allow.
    """

    status: int
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body)


def register(name):
    """Decorator: add a target factory to the registry under ``name``."""

    def add(factory):
        if name in TARGETS:
            raise ValueError(f"A contract target named {name!r} is already registered.")
        TARGETS[name] = factory
        return factory

    return add


def encode_request(body, content_type):
    """The bytes and headers to send for a ``request(...)`` call (see the module docstring)."""
    if body is None:
        data = None
    elif isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode("utf-8")
    else:
        data = json.dumps(body).encode("utf-8")
    headers = {}
    if content_type is None and data is not None:
        headers["Content-Type"] = "application/json"
    elif isinstance(content_type, str):
        headers["Content-Type"] = content_type
    return data, headers


def media_type(header):
    """``application/json; charset=utf-8`` -> ``application/json``."""
    return (header or "").split(";")[0].strip().lower()


def make_apps_importable():
    """Put ``apps/`` on ``sys.path`` so ``import flask_demo`` works in this process."""
    if str(APPS_DIR) not in sys.path:
        sys.path.insert(0, str(APPS_DIR))


class RequestsClient:
    """A client for a real server at ``base_url``, sending requests with ``requests``."""

    def __init__(self, base_url, target_name):
        self.base_url = base_url
        self.target_name = target_name
        self.session = requests.Session()

    def request(self, method, path, *, body=None, content_type=None):
        data, headers = encode_request(body, content_type)
        REQUEST_COUNTS[self.target_name] += 1
        answer = self.session.request(method, self.base_url + path, data=data, headers=headers, timeout=30)
        content_type = media_type(answer.headers.get("Content-Type"))
        return ApiResponse(answer.status_code, content_type, answer.content, dict(answer.headers))


class FlaskTestClient:
    """A client that calls the Flask app in this process through Flask's test client."""

    target_name = "flask-test-client"

    def __init__(self, app):
        self.client = app.test_client()

    def request(self, method, path, *, body=None, content_type=None):
        data, headers = encode_request(body, content_type)
        REQUEST_COUNTS[self.target_name] += 1
        answer = self.client.open(path, method=method, data=data, headers=headers)
        content_type = media_type(answer.headers.get("Content-Type"))
        return ApiResponse(answer.status_code, content_type, answer.data, dict(answer.headers))


@register("flask-test-client")
@contextlib.contextmanager
def flask_test_client(model_dir):
    """The Flask app in this process, created by its factory with a test config."""
    make_apps_importable()
    from flask_demo import create_app

    yield FlaskTestClient(create_app({"TESTING": True, "MODEL_DIR": str(model_dir)}))


@register("flask-gunicorn")
@contextlib.contextmanager
def flask_gunicorn(model_dir):
    """The Flask app under gunicorn, a real server process, exactly as `make serve-flask` runs it."""
    with flask_server(model_dir) as base_url:
        yield RequestsClient(base_url, "flask-gunicorn")


@contextlib.contextmanager
def flask_server(model_dir, workers=2):
    """Yield the base URL of gunicorn serving the Flask app with the model in ``model_dir``."""
    port = free_port()
    command = python_command(
        "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--no-control-socket", "--chdir", str(APPS_DIR), "flask_demo:create_app()",
    )
    url = f"http://127.0.0.1:{port}"
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    with running_server(command, f"{url}/api/health", env=environment, cwd=REPO_ROOT):
        yield url
