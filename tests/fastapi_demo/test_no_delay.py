"""uvicorn, as the course starts it, sends each answer at once instead of holding it for Nagle.

With ``--workers 2`` uvicorn listens on a socket whose protocol number is 0, and asyncio then leaves
Nagle's algorithm on: every answer on a kept-alive connection waited ~40 ms for the client's ACK.
This test makes the same kind of socket and checks the course's protocol switches Nagle off.
"""

import asyncio
import socket

import uvicorn
from fastapi_demo.no_delay import NoDelayH11
from uvicorn.server import ServerState

from course_helpers.servers import server_command


async def answer_nothing(scope, receive, send):
    pass  # the test never sends a request: only the connection matters


def nagle_is_off_on_a_connection_served_by(protocol_class):
    async def serve_one_connection():
        with socket.socket(socket.AF_INET) as listener:  # as uvicorn binds it for several workers
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            with socket.create_connection(listener.getsockname()):
                accepted, _ = listener.accept()  # the transport owns it from here, and closes it
                config = uvicorn.Config(app=answer_nothing, http=protocol_class, log_config=None)
                config.load()
                loop = asyncio.get_running_loop()
                transport, _ = await loop.connect_accepted_socket(
                    lambda: protocol_class(config=config, server_state=ServerState(), app_state={}), accepted
                )
                try:
                    served = transport.get_extra_info("socket")
                    return served.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                finally:
                    transport.close()

    return bool(asyncio.run(serve_one_connection()))


def test_the_course_protocol_switches_nagle_off():
    assert nagle_is_off_on_a_connection_served_by(NoDelayH11)


def test_make_serve_fastapi_uses_it():
    command = server_command("fastapi", 8300)
    assert command[command.index("--http") + 1] == "fastapi_demo.no_delay:NoDelayH11"
