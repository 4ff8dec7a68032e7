"""Which peers may speak for the client: the proxies listed in ``PENGUIN_TRUSTED_PROXIES``.

nginx in front of the apps (deploy/nginx) passes on what only it knows, in headers: the client's
address (``X-Forwarded-For``), the scheme the client used (``X-Forwarded-Proto``), nginx's own id for
the request (``X-Request-ID``) and the id the client sent, if any (``X-Client-Request-ID``). Any client
can send the same headers, so the apps believe them only from a peer (``REMOTE_ADDR``) listed in the
environment variable, comma-separated addresses or networks (``127.0.0.1``, ``10.0.0.0/8``); empty by
default, so an app reached directly believes no such header. From any other peer they are removed
before the app runs, so that no part of it (Django's ``SECURE_PROXY_SSL_HEADER``, django-axes) can read
a forged one.
"""

import ipaddress
import os

TRUSTED_PROXIES_VARIABLE = "PENGUIN_TRUSTED_PROXIES"
# The WSGI names of the headers only a trusted proxy may set.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_FORWARDED", "HTTP_X_CLIENT_REQUEST_ID")


def trusted_proxies(value=None):
    """The networks of ``value`` (default: the environment variable), or a ``ValueError`` that says why."""
    value = os.environ.get(TRUSTED_PROXIES_VARIABLE, "") if value is None else value
    networks = []
    for entry in filter(None, (part.strip() for part in value.split(","))):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{TRUSTED_PROXIES_VARIABLE} holds {entry!r}, which is not an IP address or "
                             "network: list the proxies' addresses, e.g. 127.0.0.1,10.0.0.0/8.") from None
    return tuple(networks)


def is_trusted(peer, proxies):
    """Whether the address ``peer`` lies in one of ``proxies`` (a tuple from ``trusted_proxies``)."""
    if not proxies or not peer:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:  # a Unix socket, or no address at all
        return False
    return any(address in network for network in proxies)


def forwarded_client(environ):
    """The client's address as the trusted proxy gives it: the last entry of X-Forwarded-For, the one that
    proxy added (earlier entries came from the client itself); ``None`` if there is no valid one."""
    last = environ.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return None


def without_forwarded_headers(environ):
    """Remove from ``environ`` the headers only a trusted proxy may set (the peer is not one)."""
    for name in FORWARDED_HEADERS:
        environ.pop(name, None)
