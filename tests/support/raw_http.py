"""Requests sent as raw bytes, for what an HTTP library refuses to send: broken chunks, broken headers."""

import contextlib
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RawAnswer:
    """The status, headers (lower-case names) and body (chunks joined) of a server's answer."""

    status: int
    headers: dict
    body: bytes

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip()


def send_raw(base_url, data, *, ca_file=None, end_after_sending=False, timeout=30):
    """Send ``data`` on a new connection to ``base_url`` and read the answer until the server closes it;
    ``None`` if the server closed it without answering. An https:// server is reached through TLS, its
    certificate checked against ``ca_file`` (else the system's authorities).

    ``end_after_sending`` closes our side after the data, as a client that stops half-way through a body.
    Through TLS that closes the whole connection (Python's ssl module cannot close one direction only),
    so nothing can be read and the answer is ``None``.
    """
    parts = urlsplit(base_url)
    connection = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    if parts.scheme == "https":
        context = ssl.create_default_context(cafile=ca_file)
        connection = context.wrap_socket(connection, server_hostname=parts.hostname)
    with connection:
        # The server may answer and close before it has read everything: its answer is still there.
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            connection.sendall(data)
            if end_after_sending and parts.scheme == "https":
                return None
            if end_after_sending:
                connection.shutdown(socket.SHUT_WR)
        received = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := connection.recv(65536):
                received += chunk
    return parse_answer(received) if received else None


def parse_answer(received):
    """A ``RawAnswer`` from the bytes of one HTTP/1.1 answer."""
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in header_lines if ": " in line)
    if "chunked" in headers.get("transfer-encoding", ""):
        body = _dechunked(body)
    return RawAnswer(int(status_line.split()[1]), headers, body)


def _dechunked(body):
    joined = b""
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        joined, body = joined + body[:size], body[size + 2:]
    return joined


def chunked_request(path, chunks, *, content_type="application/json", method="POST"):
    """A request whose body is ``chunks`` (each ``bytes``, written with its size) and the last, empty chunk.

    A chunk given as ``(size_text, data)`` is written with that size line as it is, right or wrong.
    """
    body = b""
    for chunk in chunks:
        size_text, data = chunk if isinstance(chunk, tuple) else (b"%x" % len(chunk), chunk)
        body += size_text + b"\r\n" + data + b"\r\n"
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    return head.encode() + body + b"0\r\n\r\n"
