"""``python -m course_helpers.serve flask|streamlit|django|fastapi``: what `make serve-*` runs.

It prints the app's address (a page to open), which server it is and its command line, prepares what
the app needs (Django: its database), then runs the server. On Linux and macOS it becomes the server
process (``os.execve``), so Ctrl-C and signals, from a terminal or from make, reach the server itself,
and the server's exit status is the command's. Windows has no such exec: there ``os.execve`` starts the
server as a new process and ends this one, so the console's prompt would come back while the server
still writes to it. So on Windows the server runs as a child, and this process waits for it: a Ctrl-C
reaches both (every process of the console gets it), the server stops, and this process ends with the
server's exit status. FastAPI is the other exception: uvicorn's supervisor of several workers ends with
status 0 when a worker fails to start (its model refused, say), like a server asked to stop. So for
uvicorn this command stays its parent and exits with 3, uvicorn's "could not start", when the server
ended although nobody asked it to (``run_uvicorn``).
"""

import argparse
import os
import signal
import subprocess
import sys

from course_helpers.kept_model import kept_model
from course_helpers.servers import (
    APP_NAMES,
    APPS,
    DEFAULT_PORTS,
    SESSIONS_PER_WORKER,
    STREAMLIT_SERVERS,
    local_url,
    prepare,
    served_by,
    server_command,
    server_environment,
    shown,
)
from course_helpers.wsgi_servers import WsgiServerUnavailable

UVICORN_STOPPED = "uvicorn stopped because a worker could not start; the worker's reason is above."
# Signals that ask uvicorn to stop, and those its parent acts on otherwise (SIGHUP: restart the workers).
STOPPING_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK")
                    if hasattr(signal, name)}
PASSED_ON_SIGNALS = STOPPING_SIGNALS | {getattr(signal, name) for name in ("SIGHUP", "SIGTTIN", "SIGTTOU")
                                        if hasattr(signal, name)}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Start one of the course's apps on a production server.")
    parser.add_argument("app", choices=APPS)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine)")
    parser.add_argument("--port", type=int, help="8100 Flask, 8501 Streamlit, 8200 Django, 8300 FastAPI")
    parser.add_argument("--workers", type=int, default=2,
                        help="worker processes of gunicorn and uvicorn (waitress runs threads, in one)")
    parser.add_argument("--streamlit-server", choices=STREAMLIT_SERVERS, default=STREAMLIT_SERVERS[0],
                        help="Streamlit only: its own server (one process, the default) or uvicorn (workers)")
    # Several servers on one database must not each migrate it at start (they would race): a one-off job
    # prepares it first, then the servers start without (deploy/docker/compose.yaml does so).
    preparing = parser.add_mutually_exclusive_group()
    preparing.add_argument("--prepare-only", action="store_true",
                           help="Django: migrate the database and collect the static files, then exit")
    preparing.add_argument("--no-prepare", action="store_true",
                           help="Django: start at once, the database being prepared by --prepare-only")
    args = parser.parse_args(argv)
    port = args.port or DEFAULT_PORTS[args.app]
    try:
        command = server_command(args.app, port, host=args.host, workers=args.workers,
                                 streamlit_server=args.streamlit_server)
        server = served_by(args.app, workers=args.workers, host=args.host,
                           streamlit_server=args.streamlit_server)
    except (WsgiServerUnavailable, ValueError) as problem:
        parser.exit(2, f"{problem}\n")
    environment = server_environment(args.app, os.environ, host=args.host)
    if not args.no_prepare:
        prepare(args.app, environment)
    if args.prepare_only:
        print(f"The {APP_NAMES[args.app]} app is prepared.", flush=True)
        return 0
    # Every app answers a page at / (FastAPI's is its API docs), so the address printed is one to open.
    print(f"The {APP_NAMES[args.app]} app at {local_url(args.host, port)}/ (Ctrl-C stops it): {server}, "
          f"started by:\n  {shown(command)}", flush=True)
    if args.app == "streamlit" and args.streamlit_server == "uvicorn" and args.workers > 1:
        print(SESSIONS_PER_WORKER, flush=True)
    if command[1:3] == ["-m", "uvicorn"]:  # FastAPI, and Streamlit when uvicorn serves it
        with kept_model(command, environment) as environment:  # its workers read a copy: kept_model.py
            return run_uvicorn(command, environment)
    if sys.platform == "win32":
        return run_until_it_stops(command, environment)
    os.execve(command[0], command, environment)


def run_until_it_stops(command, environment):
    """Run the server as a child and wait until it ends, Ctrl-C or not; return its exit status."""
    server = subprocess.Popen(command, env=environment)
    while True:
        try:
            return server.wait()
        except KeyboardInterrupt:
            continue  # the server got the same Ctrl-C, and stops: wait for it, never leave it behind


def run_uvicorn(command, environment):
    """Run uvicorn's ``command``; return its exit status, or 3 if it ended without being asked to.

    With several workers, uvicorn's parent (``Multiprocess`` in uvicorn/supervisors/multiprocess.py) stops
    them all when one exits with status 3, ``STARTUP_FAILURE`` (it could not start), and then returns
    from ``run()`` as after Ctrl-C: ``uvicorn.main.run`` exits with 3 only when it ran a single worker,
    so the program ends with 0. Its only other way to end is a signal that asks it to stop, which this
    process passes on, and notes.
    """
    from uvicorn.config import STARTUP_FAILURE

    server = subprocess.Popen(command, env=environment)
    asked_to_stop = False

    def pass_on(number, frame):
        nonlocal asked_to_stop
        asked_to_stop = asked_to_stop or number in STOPPING_SIGNALS
        if os.name == "posix":  # a Windows console sends Ctrl-C to every process attached to it already
            server.send_signal(number)

    for number in PASSED_ON_SIGNALS:
        signal.signal(number, pass_on)
    status = server.wait()
    if status == 0 and not asked_to_stop:
        print(UVICORN_STOPPED, file=sys.stderr, flush=True)
        return STARTUP_FAILURE
    return status if status >= 0 else 128 - status  # ended by a signal: 128 + its number, as a shell says


if __name__ == "__main__":
    sys.exit(main())
