"""Clients that send a POST body a byte a second: what holds a sync worker that nobody shields.

``slow_uploads(url)`` opens connections to the server at ``url`` (``https://`` ones through TLS,
trusting ``ca_file``), sends each a request head announcing a body of 10 kB, then one byte of that
body per second on every connection, from a thread of its own, until the ``with`` block ends; it
yields the clients. ``client.still_sending()`` says whether the server has neither answered nor
closed that connection: whether the client still holds whatever the server gave it.
"""

import contextlib
import socket
import ssl
import threading
from urllib.parse import urlsplit

ANNOUNCED_BYTES = 10_000  # at a byte a second, hours: the body never ends while a test runs


class SlowClient:
    """One connection sending its body a byte at a time."""

    def __init__(self, url, ca_file=None):
        parts = urlsplit(url)
        connection = socket.create_connection((parts.hostname, parts.port), timeout=30)
        if parts.scheme == "https":
            context = ssl.create_default_context(cafile=ca_file)
            connection = context.wrap_socket(connection, server_hostname=parts.hostname)
        self.connection = connection
        self.lock = threading.Lock()  # an SSL socket must not be used by two threads at once
        head = (f"POST /api/predict HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {ANNOUNCED_BYTES}\r\n\r\n{{")
        connection.sendall(head.encode())

    def send_a_byte(self):
        with self.lock:
            self.connection.sendall(b" ")

    def still_sending(self):
        """True while the server has sent nothing on this connection and has not closed it."""
        with self.lock:
            self.connection.setblocking(False)
            try:
                self.connection.recv(1)  # b"" when closed; a byte when the server answered
            except (BlockingIOError, ssl.SSLWantReadError):
                return True  # nothing to read: the server is still waiting for the body
            except OSError:
                return False  # reset
            finally:
                self.connection.setblocking(True)
            return False

    def close(self):
        with contextlib.suppress(OSError):
            self.connection.close()


@contextlib.contextmanager
def slow_uploads(url, count=2, *, ca_file=None):
    """``count`` slow clients of the server at ``url``, sending until the block ends."""
    clients = [SlowClient(url, ca_file) for _ in range(count)]
    stop = threading.Event()

    def trickle():
        while not stop.wait(1):
            for client in clients:
                with contextlib.suppress(OSError):  # a closed connection: still_sending() says so
                    client.send_a_byte()

    sender = threading.Thread(target=trickle, daemon=True)
    sender.start()
    try:
        yield clients
    finally:
        stop.set()
        sender.join()
        for client in clients:
            client.close()
