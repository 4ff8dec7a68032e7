"""Request bodies sent in chunks, read whole before a WSGI app (Flask, Django) sees them.

A client may send a body in chunks (``Transfer-Encoding: chunked``) instead of with a Content-Length:
``requests`` does for a generator, curl for ``-T -``, and some proxies do. The contract serves such a
body like any other, on every server. waitress joins the chunks itself and passes the app a
Content-Length; gunicorn passes the chunks on as they come (``wsgi.input_terminated``), without one.
Django reads CONTENT_LENGTH bytes, so under gunicorn it read a chunked body as empty; Flask read it, but a
chunk whose size is not a number made gunicorn's reader fail inside the app, a 500 for a client's mistake.

``whole_bodies(app, limit)`` reads a chunked body first, at most ``limit`` + 1 bytes (one more than the
limit tells a body at the limit from one over it), and hands it on with its length, so each framework
sees the same bytes and refuses one over its limit with its usual 413. A body that cannot be read (a
broken chunk, a client gone half-way) is answered here with the contract's 400, in JSON.
"""

import io
import json

from api_contract.errors import ERROR_STATUS, error_body, error_message
from api_contract.limits import MAX_BODY_BYTES

READ_SIZE = 65_536


def whole_bodies(app, limit=MAX_BODY_BYTES):
    """``app`` (a WSGI application) receiving every chunked body whole, with its Content-Length."""

    def with_whole_bodies(environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        # Only a stream that the server ends where the body ends can be read to its end safely. (A
        # Content-Length beside Transfer-Encoding: chunked means nothing: HTTP/1.1 reads the chunks.)
        if not chunked or not environ.get("wsgi.input_terminated"):
            return app(environ, start_response)
        try:
            body = read_at_most(environ["wsgi.input"], limit + 1)
        except Exception:  # gunicorn's ParseException family for a broken chunk, OSError for a client
            return unreadable_body(start_response)  # gone half-way: neither is the server's bug
        # Handed on as a proxy that joins the chunks would: a body with its length, no longer chunked
        # (Werkzeug ignores a Content-Length beside Transfer-Encoding: chunked).
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
        del environ["HTTP_TRANSFER_ENCODING"]
        return app(environ, start_response)

    return with_whole_bodies


def read_at_most(stream, size):
    """Up to ``size`` bytes of ``stream``, fewer only when it ends first."""
    parts, remaining = [], size
    while remaining > 0 and (part := stream.read(min(remaining, READ_SIZE))):
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def unreadable_body(start_response):
    """The contract's 400 for a body that could not be read."""
    body = json.dumps(error_body("bad_request", error_message("bad_request")), separators=(",", ":")).encode()
    status = ERROR_STATUS["bad_request"]
    start_response(f"{status} Bad Request", [("Content-Type", "application/json"),
                                             ("Content-Length", str(len(body)))])
    return [body]
