"""``python -m course_helpers.serve flask|streamlit|django|fastapi``: what `make serve-*` runs.

It prints the server's address, which server it is and its command line, prepares what the app
needs (Django: its database), then runs the server. On Linux and macOS it becomes the server
process (``os.execve``), so Ctrl-C and signals, from a terminal or from make, reach the server itself.
Windows has no such exec: there ``os.execve`` starts the server as a new process and ends this one,
so the console's prompt would come back while the server still writes to it. So on Windows the
server runs as a child, and this process waits for it: a Ctrl-C reaches both (every process of
the console gets it), the server stops, and this process ends with the server's exit status.
"""

import argparse
import os
import subprocess
import sys

from course_helpers.servers import (
    APPS,
    DEFAULT_PORTS,
    SESSIONS_PER_WORKER,
    STREAMLIT_SERVERS,
    prepare,
    served_by,
    server_command,
    server_environment,
    shown,
)
from course_helpers.wsgi_servers import WsgiServerUnavailable


def main(argv=None):
    parser = argparse.ArgumentParser(description="Start one of the course's apps on a production server.")
    parser.add_argument("app", choices=APPS)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine)")
    parser.add_argument("--port", type=int, help="8100 Flask, 8501 Streamlit, 8200 Django, 8300 FastAPI")
    parser.add_argument("--workers", type=int, default=2,
                        help="worker processes of gunicorn and uvicorn (waitress runs threads, in one)")
    parser.add_argument("--streamlit-server", choices=STREAMLIT_SERVERS, default=STREAMLIT_SERVERS[0],
                        help="Streamlit only: its own server (one process, the default) or uvicorn (workers)")
    args = parser.parse_args(argv)
    port = args.port or DEFAULT_PORTS[args.app]
    try:
        command = server_command(args.app, port, host=args.host, workers=args.workers,
                                 streamlit_server=args.streamlit_server)
        server = served_by(args.app, workers=args.workers, streamlit_server=args.streamlit_server)
    except (WsgiServerUnavailable, ValueError) as problem:
        parser.exit(2, f"{problem}\n")
    environment = server_environment(args.app, os.environ, host=args.host)
    prepare(args.app, environment)
    print(f"The {args.app.capitalize()} app at http://{args.host}:{port}/ (Ctrl-C stops it): {server}, "
          f"started by:\n  {shown(command)}", flush=True)
    if args.app == "streamlit" and args.streamlit_server == "uvicorn" and args.workers > 1:
        print(SESSIONS_PER_WORKER, flush=True)
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


if __name__ == "__main__":
    sys.exit(main())
