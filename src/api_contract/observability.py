"""What every request leaves behind, in any WSGI app: a request id, one JSON log line, and metrics.

``observed(app, model_version)`` wraps a WSGI application (Flask's ``app.wsgi_app``, Django's
``config.wsgi.application``), so the Flask and Django apps do exactly the same, written once:

- each answer carries ``X-Request-ID`` (the client's, if it is a sane token, else a new one) and
  ``X-Model-Version``, so a client can quote the id and see which model answered;
- each request prints one line of JSON on the standard output when its answer ends: time (UTC),
  request id, method, path (without the query string), status, duration in ms, model version and
  the worker's process id. One object per line, so ``json.loads`` or any log tool reads it;
- each request is counted in ``api_contract.metrics``, which ``GET /metrics`` shows.

/metrics is for the operator's Prometheus, not for the public: in production let only the local
network reach it (for example with an ``allow``/``deny`` rule in the nginx in front).
"""

import json
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from api_contract import metrics

# nginx's $request_id is 32 hex digits; anything long or odd is replaced, never echoed or logged.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,200}")


def observed(app, model_version):
    """``app`` with request ids, access log and metrics; ``model_version()`` names the served model."""
    return ObservedApp(app, model_version)


def request_id(environ):
    """The client's X-Request-ID when it is a sane token; otherwise a new one (uuid4, 32 hex digits)."""
    offered = environ.get("HTTP_X_REQUEST_ID")
    if offered is not None and SANE_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class ObservedApp:
    """The WSGI middleware behind ``observed``: it answers /metrics itself and passes the rest on."""

    def __init__(self, app, model_version):
        self.app, self.model_version = app, model_version
        self.metrics_app = metrics.metrics_app()
        self.endpoints = metrics.endpoints()
        self.shown_version = model_version()
        metrics.show_model_version(self.shown_version)

    def __call__(self, environ, start_response):
        arrived, started = time.time(), time.perf_counter()
        route, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        version, identifier = self.served_version(), request_id(environ)
        status = "500"  # what the server answers if the app fails before it starts its answer

        def start_with_headers(status_line, headers, exc_info=None):
            nonlocal status
            status = status_line[:3]
            headers = [*headers, ("X-Request-ID", identifier), ("X-Model-Version", version)]
            return start_response(status_line, headers, exc_info)

        def finish():
            seconds = time.perf_counter() - started
            path = environ.get("SCRIPT_NAME", "") + route  # the whole path, if the app is mounted below /
            write_access_line(arrived, identifier, method, path, status, seconds, version)
            # Counted once logged: a request that /metrics counts is in the log already.
            endpoint = route if route in self.endpoints else metrics.OTHER
            metrics.record_request(endpoint, method, status, seconds)

        answering = self.metrics_app if route == metrics.METRICS_PATH else self.app
        try:
            body = answering(environ, start_with_headers)
        except BaseException:
            finish()
            raise
        return ClosingBody(body, finish)

    def served_version(self):
        """The model version now, updating /metrics if it changed (Django's tests swap models)."""
        version = self.model_version()
        if version != self.shown_version:
            metrics.show_model_version(version, previous=self.shown_version)
            self.shown_version = version
        return version


class ClosingBody:
    """The answer's body, passed through; the server's ``close()`` at its end runs ``on_close``.

    Every WSGI server calls ``close()`` once the answer is sent (PEP 3333), so the duration covers
    the whole answer, and a body that fails half-way still gets its log line.
    """

    def __init__(self, body, on_close):
        self.body, self.on_close = body, on_close

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.on_close()


def write_access_line(arrived, identifier, method, path, status, seconds, version):
    """Print the request's JSON line on the standard output, flushed, so it is never held back."""
    # WSGI hands the path over as Latin-1; the client sent UTF-8. json.dumps escapes whatever is
    # left (control characters, newlines), so a line is always one line.
    path = path.encode("latin-1", "replace").decode("utf-8", "replace")
    line = json.dumps({
        "time": datetime.fromtimestamp(arrived, UTC).isoformat(timespec="milliseconds"),
        "request_id": identifier, "method": method, "path": path, "status": int(status),
        "duration_ms": round(seconds * 1000, 3), "model_version": version, "pid": os.getpid(),
    })
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
