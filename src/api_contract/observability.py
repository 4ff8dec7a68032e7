"""What every request leaves behind, in any WSGI app: a request id, one JSON log line, and metrics.

``observed(app, model_version)`` wraps a WSGI application (Flask's ``app.wsgi_app``, Django's
``config.wsgi.application``), so the Flask and Django apps do exactly the same, written once:

- each request gets the server's own id: a new one (uuid4, 32 hex digits), or, behind a trusted proxy
  (``api_contract.proxies``), the proxy's, so that nginx's log and the app's name it alike. The answer
  carries it in ``X-Request-ID``, with ``X-Model-Version``, so a client can quote it. An id the client
  sent (its ``X-Request-ID``, or the ``X-Client-Request-ID`` a trusted proxy passes on) is logged apart,
  as ``client_request_id``: a client may send any id, the same one twice, so it never names a request;
- each request prints one line of JSON on the standard output when its answer ends: time (UTC), request
  id, the client's id, the client's address (behind a trusted proxy, the one it forwards), method, path
  (without the query string), status, duration in ms, model version and the worker's process id;
- each request is counted in ``api_contract.metrics``, which ``GET /metrics`` shows.

Each line is at most ``log_lines.MAX_LINE_BYTES`` long and written in one ``write``, so it reaches a log
shipper whole through any pipe, whatever the other workers write at the same moment (``log_lines``
says why). A field the client controls that is too long to fit is cut, and marked (``"path_truncated":
true``); bytes that are not UTF-8 are written as escapes (``\\xff``), never dropped.

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

from api_contract import metrics, proxies
from api_contract.log_lines import MAX_LINE_BYTES

# nginx's $request_id is 32 hex digits; a trusted proxy's id must be such a plain token to be used.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,200}")
# How many bytes of the line each field the client controls may take, as JSON: together far below
# MAX_LINE_BYTES, so the fields the server writes always fit beside them.
FIELD_BUDGETS = {"path": 2048, "client_request_id": 256, "method": 64}


def observed(app, model_version):
    """``app`` with request ids, access log and metrics; ``model_version()`` names the served model."""
    return ObservedApp(app, model_version)


class ObservedApp:
    """The WSGI middleware behind ``observed``: it answers /metrics itself and passes the rest on."""

    def __init__(self, app, model_version):
        self.app, self.model_version = app, model_version
        self.proxies = proxies.trusted_proxies()  # read once: a wrong value stops the app from starting
        self.metrics_app = metrics.metrics_app()
        self.endpoints = metrics.endpoints()
        self.shown_version = model_version()
        metrics.show_model_version(self.shown_version)

    def __call__(self, environ, start_response):
        arrived, started = time.time(), time.perf_counter()
        route, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        identifier, client_identifier = self.identify(environ)
        version = self.served_version()
        status = "500"  # what the server answers if the app fails before it starts its answer

        def start_with_headers(status_line, headers, exc_info=None):
            nonlocal status
            status = status_line[:3]
            headers = [*headers, ("X-Request-ID", identifier), ("X-Model-Version", version)]
            return start_response(status_line, headers, exc_info)

        def finish():
            seconds = time.perf_counter() - started
            write_access_line({
                "time": datetime.fromtimestamp(arrived, UTC).isoformat(timespec="milliseconds"),
                "request_id": identifier, "client_request_id": client_identifier,
                "client": environ.get("REMOTE_ADDR"), "method": method,
                "path": environ.get("SCRIPT_NAME", "") + route,  # the whole path, if mounted below /
                "status": int(status), "duration_ms": round(seconds * 1000, 3), "model_version": version,
                "pid": os.getpid(),
            })
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

    def identify(self, environ):
        """``(the server's request id, the client's own id or None)``, taking the forwarded headers of a
        trusted proxy into ``environ`` (the client's address as REMOTE_ADDR) and dropping anyone else's."""
        if not proxies.is_trusted(environ.get("REMOTE_ADDR"), self.proxies):
            proxies.without_forwarded_headers(environ)
            return new_request_id(), environ.get("HTTP_X_REQUEST_ID")
        environ["REMOTE_ADDR"] = proxies.forwarded_client(environ) or environ["REMOTE_ADDR"]
        offered = environ.get("HTTP_X_REQUEST_ID", "")
        identifier = offered if SANE_REQUEST_ID.fullmatch(offered) else new_request_id()
        return identifier, environ.get("HTTP_X_CLIENT_REQUEST_ID")

    def served_version(self):
        """The model version now, updating /metrics if it changed (Django's tests swap models)."""
        version = self.model_version()
        if version != self.shown_version:
            metrics.show_model_version(version, previous=self.shown_version)
            self.shown_version = version
        return version


def new_request_id():
    return uuid.uuid4().hex


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


def write_access_line(fields):
    """Write ``fields`` as one JSON line on the standard output, in one write, within MAX_LINE_BYTES."""
    for name, budget in FIELD_BUDGETS.items():
        if fields[name] is not None:
            fields[name], cut = fitted(as_sent(fields[name]), budget)
            if cut:
                fields[f"{name}_truncated"] = True
    line = (json.dumps(fields) + "\n").encode("ascii")  # json.dumps escapes all but ASCII: one byte each
    assert len(line) <= MAX_LINE_BYTES, line[:200]  # the budgets leave hundreds of bytes to spare
    write_once(line)


def as_sent(text):
    """A WSGI string (Latin-1, one character per byte sent) as the UTF-8 the client meant; bytes that are
    not UTF-8 become escapes such as ``\\xff``, so the log shows what arrived."""
    return text.encode("latin-1", "replace").decode("utf-8", "backslashreplace")


def fitted(text, budget):
    """``(text, False)`` if its JSON fits ``budget`` bytes; else ``(its longest start that fits, True)``."""
    if len(json.dumps(text)) <= budget:
        return text, False
    low, high = 0, len(text)
    while low < high:  # binary search: escapes make a character take 1 to 12 bytes of JSON
        middle = (low + high + 1) // 2
        low, high = (middle, high) if len(json.dumps(text[:middle])) <= budget else (low, middle - 1)
    return text[:low], True


def write_once(line):
    """Write ``line`` (bytes) to the standard output in one system call: a pipe keeps it whole.

    Print's buffered writes could split a line across two calls. Where the standard output has no file
    descriptor (a test's captured output), the text goes there instead.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both of the last two
        sys.stdout.write(line.decode("ascii"))
        sys.stdout.flush()
        return
    sys.stdout.flush()  # whatever the process printed before goes out before this line
    os.write(descriptor, line)
