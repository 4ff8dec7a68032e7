"""The security headers of every answer, the same in every app: what Django's middleware sends, and a CSP.

Django's ``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` send the first four by default; the apps
built on Flask and FastAPI send them from here (``security_headers``), so a browser treats all the
course's pages alike:

- ``X-Frame-Options: DENY``: no other site may show the page in a frame (clickjacking);
- ``X-Content-Type-Options: nosniff``: a browser takes the Content-Type at its word, never guesses;
- ``Referrer-Policy: same-origin``: the address of a page is not sent to other sites;
- ``Cross-Origin-Opener-Policy: same-origin``: a page opened from another site cannot reach this one;
- ``Content-Security-Policy``: the page may load scripts, styles, images and data from its own server
  only, and run an inline script only if its SHA-256 is listed (FastAPI's docs page starts Swagger UI
  with one); nothing may frame it, and its forms post to its own server.

A few lines rather than a package (flask-talisman, for one, also forces HTTPS and sets cookies, which
belong to the TLS proxy and to each framework): one source for all the apps, Django included.
"""

import base64
import hashlib
import re

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSP_HEADER = "Content-Security-Policy"
# An inline script: a <script> element without a src attribute; its text is what the browser hashes.
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def content_security_policy(page=b""):
    """The CSP for ``page`` (an HTML page's bytes): its own server only, and its inline scripts by hash."""
    scripts = " ".join(["'self'", *(_sha256(script) for script in INLINE_SCRIPT.findall(page))])
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
        "object-src 'none'",
    ])


def security_headers(content_type="", body=b""):
    """The headers to add to an answer of ``content_type``: all of them, with a CSP for an HTML page."""
    headers = dict(SECURITY_HEADERS)
    if content_type.startswith("text/html"):
        headers[CSP_HEADER] = content_security_policy(body)
    return headers


def _sha256(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode("ascii") + "'"


class SecurityHeaders:
    """ASGI middleware (FastAPI): every answer gets ``security_headers``; an HTML page is read whole first,
    to hash its inline scripts (the apps' pages are small; every other answer streams as it comes)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = None
        body = bytearray()

        async def send_with_headers(message):
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                if not _is_html(message):
                    await send(_with_headers(message, security_headers()))
                return
            if not _is_html(start):
                return await send(message)
            body.extend(message.get("body", b""))
            if not message.get("more_body", False):
                headers = security_headers("text/html", bytes(body))
                await send(_with_headers(start, headers))
                await send({"type": "http.response.body", "body": bytes(body)})

        await self.app(scope, receive, send_with_headers)


def _is_html(start):
    content_type = dict(start.get("headers", [])).get(b"content-type", b"")
    return content_type.startswith(b"text/html")


def _with_headers(start, headers):
    present = {name.lower() for name, _ in start.get("headers", [])}
    added = [(name.lower().encode(), value.encode()) for name, value in headers.items()
             if name.lower().encode() not in present]
    return start | {"headers": [*start.get("headers", []), *added]}
