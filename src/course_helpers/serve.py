"""``python -m course_helpers.serve flask|streamlit|django|fastapi``: what `make serve-*` runs.

It prints the app's address (a page to open) and its command line, prepares what the app needs
(Django: its database), then becomes the server process, so Ctrl-C and signals reach the server itself.
"""

import argparse
import importlib.util
import os
import sys

from course_helpers.servers import (
    APP_NAMES,
    APPS,
    DEFAULT_PORTS,
    WSGI_APPS,
    local_url,
    prepare,
    server_command,
    server_environment,
    shown,
)

NO_GUNICORN = ("gunicorn is not installed here (it does not run on Windows). Start the app with waitress "
               "instead, as apps/{app}_demo/README.md shows.")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Start one of the course's apps on a production server.")
    parser.add_argument("app", choices=APPS)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine)")
    parser.add_argument("--port", type=int, help="8100 Flask, 8501 Streamlit, 8200 Django, 8300 FastAPI")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (Flask, Django, FastAPI)")
    args = parser.parse_args(argv)
    if args.app in WSGI_APPS and importlib.util.find_spec("gunicorn") is None:
        parser.exit(2, NO_GUNICORN.format(app=args.app) + "\n")
    port = args.port or DEFAULT_PORTS[args.app]
    environment = server_environment(args.app, os.environ, host=args.host)
    prepare(args.app, environment)
    command = server_command(args.app, port, host=args.host, workers=args.workers)
    # Every app answers a page at / (FastAPI's is its API docs), so the address printed is one to open.
    print(f"The {APP_NAMES[args.app]} app at {local_url(args.host, port)}/ (Ctrl-C stops it), served by:\n"
          f"  {shown(command)}", flush=True)
    os.execve(command[0], command, environment)


if __name__ == "__main__":
    sys.exit(main())
