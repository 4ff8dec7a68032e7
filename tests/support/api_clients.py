"""Clients that send the contract suite's requests to one API and return what it answered.

A client has one method::

    client.request(method, path, *, body=None, content_type=None, headers=None) -> ApiResponse

- ``body``: ``None`` (no body), ``bytes`` (sent as is), ``str`` (sent as UTF-8), or any other
  value, which is sent as JSON (``json.dumps``).
- ``content_type``: ``None`` means ``application/json`` when there is a body and no header
  when there is none; ``NO_CONTENT_TYPE`` sends no Content-Type header at all; any other
  string is sent as the Content-Type header.
- ``headers``: other request headers, a dict.

Every client counts its requests in ``REQUEST_COUNTS``; the contract suite prints the counts.
"""

import collections
import json
from dataclasses import dataclass, field

import requests

NO_CONTENT_TYPE = object()
REQUEST_COUNTS = collections.Counter()


@dataclass(frozen=True)
class ApiResponse:
    """What the contract tests look at: status, media type (no parameters), raw body, headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body)


def encode_request(body, content_type, extra_headers=None):
    """The bytes and headers to send for a ``request(...)`` call (see the module docstring)."""
    if body is None:
        data = None
    elif isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode("utf-8")
    else:
        data = json.dumps(body).encode("utf-8")
    headers = dict(extra_headers or {})
    if content_type is None and data is not None:
        headers["Content-Type"] = "application/json"
    elif isinstance(content_type, str):
        headers["Content-Type"] = content_type
    return data, headers


def media_type(header):
    """``application/json; charset=utf-8`` -> ``application/json``."""
    return (header or "").split(";")[0].strip().lower()


class RequestsClient:
    """A client for a real server at ``base_url``, sending requests with ``requests``; an https://
    server's certificate is checked against ``ca_file``."""

    def __init__(self, base_url, target_name, *, behind_nginx=False, ca_file=None):
        self.base_url = base_url
        self.target_name = target_name
        self.behind_nginx = behind_nginx  # nginx reads every path before an app sees it
        self.ca_file = ca_file
        self.session = requests.Session()
        # Given with each request: requests lets REQUESTS_CA_BUNDLE override a Session's own verify.
        self.verify = ca_file or True

    def request(self, method, path, *, body=None, content_type=None, headers=None):
        data, headers = encode_request(body, content_type, headers)
        REQUEST_COUNTS[self.target_name] += 1
        answer = self.session.request(method, self.base_url + path, data=data, headers=headers, timeout=30,
                                      verify=self.verify)
        content_type = media_type(answer.headers.get("Content-Type"))
        return ApiResponse(answer.status_code, content_type, answer.content, dict(answer.headers))


class FlaskTestClient:
    """A client that calls the Flask app in this process through Flask's test client."""

    target_name = "flask-test-client"

    def __init__(self, app):
        self.client = app.test_client()

    def request(self, method, path, *, body=None, content_type=None, headers=None):
        data, headers = encode_request(body, content_type, headers)
        REQUEST_COUNTS[self.target_name] += 1
        answer = self.client.open(path, method=method, data=data, headers=headers)
        content_type = media_type(answer.headers.get("Content-Type"))
        return ApiResponse(answer.status_code, content_type, answer.data, dict(answer.headers))


class StarletteTestClient:
    """A client that calls an ASGI app (FastAPI, Starlette) in this process through its test client."""

    def __init__(self, app, target_name):
        from starlette.testclient import TestClient

        self.target_name = target_name
        self.client = TestClient(app, raise_server_exceptions=False)  # answer as a server would

    def __enter__(self):
        self.client.__enter__()
        return self

    def __exit__(self, *exception):
        return self.client.__exit__(*exception)

    def request(self, method, path, *, body=None, content_type=None, headers=None):
        data, headers = encode_request(body, content_type, headers)
        REQUEST_COUNTS[self.target_name] += 1
        answer = self.client.request(method, path, content=data, headers=headers)
        content_type = media_type(answer.headers.get("Content-Type"))
        return ApiResponse(answer.status_code, content_type, answer.content, dict(answer.headers))


class DjangoTestClient:
    """A client that calls the Django project in this process through Django's test client."""

    target_name = "django-test-client"

    def __init__(self):
        from django.test import Client

        self.client = Client()

    def request(self, method, path, *, body=None, content_type=None, headers=None):
        data, headers = encode_request(body, content_type, headers)
        # Django's test client sends a Content-Type only with a non-empty body; set it in the
        # WSGI environment so that an empty JSON body is sent as such ("" means no header).
        declared = "" if content_type is NO_CONTENT_TYPE else headers.pop("Content-Type", "")
        REQUEST_COUNTS[self.target_name] += 1
        return django_answer(self.client.generic(method, path, data or b"", CONTENT_TYPE=declared,
                                                 headers=headers))


def django_answer(response):
    """A response of Django's (or DRF's) test client as an ``ApiResponse``."""
    content_type = media_type(response.headers.get("Content-Type"))
    return ApiResponse(response.status_code, content_type, response.content, dict(response.headers))
