"""uvicorn's HTTP protocol, with every answer sent at once (``--http fastapi_demo.no_delay:NoDelayH11``).

Why it exists: started with ``--workers 2``, uvicorn 0.54 binds the listening socket itself, as a plain
``socket.socket(AF_INET)`` whose protocol number is 0, and asyncio switches Nagle's algorithm off only
on connections whose socket says TCP. uvicorn writes an answer's head and body separately, so on a
kept-alive connection the body waits for the client's delayed acknowledgement: about 40 ms per request
(measured with ``python -m bench serving``; uvicorn issue #3149). One worker binds through asyncio and
is not affected. Switching Nagle off on each connection makes both cases behave like Flask and Django.
"""

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11(H11Protocol):
    def connection_made(self, transport):
        connection = transport.get_extra_info("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
