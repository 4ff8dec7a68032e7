"""``python -m course_helpers.demo``: what `make demo` runs, the three apps side by side for a class.

Flask, Streamlit and Django start one after the other, each with the command of its `make serve-*`
(``servers.started``: Flask and Django under waitress where gunicorn does not run, as on Windows,
which has no make either; there ``python -m course_helpers.demo`` starts the demo). Their addresses
are printed only when all three answer, so an address on the projector is one that works.
Ctrl-C (or SIGTERM) stops all three and ends with exit status 0: stopping
a demo is not a failure. If an app does not come up, or stops by itself, the others are stopped too
and the end of its output says why.

Ctrl-C: in a terminal on Linux and macOS it sends SIGINT to every process of the foreground group, the
demo and the servers alike; on Windows it is a console event that every process attached to the
console receives, which Python turns into the same SIGINT. Either way each server starts to stop by
itself while the demo, whose handler turns the signal into ``Stop``, stops whatever is left
(``processes.stop``). On Windows that ends a server with TerminateProcess; the venv's python.exe, which
runs the real interpreter as a child, puts that child in a job that ends with it.
"""

import argparse
import contextlib
import os
import signal
import sys
import time

from course_helpers.processes import port_is_free, server_output
from course_helpers.servers import APP_NAMES, DEFAULT_PORTS, served_by, server_environment, started
from course_helpers.wsgi_servers import WsgiServerUnavailable, chosen_wsgi_server

APPS = ("flask", "streamlit", "django")  # the course's order: chapters 03, 04 and 05
WHAT_TO_SHOW = {
    "flask": "the form; the JSON API under /api/",
    "streamlit": "the interactive app: predict, batch (CSV), model card",
    "django": "the form, /history/ and /admin/; the JSON API under /api/",
}
START_TIMEOUT = 120  # seconds for each app; a classroom laptop's first scikit-learn import can be slow
EVERY_INTERFACE = ("They listen on every interface: other machines use this machine's address, which Django\n"
                   "accepts once DJANGO_ALLOWED_HOSTS names it (with 127.0.0.1, for the demo's own checks).")
GOODBYE = "Stopped Flask, Streamlit and Django. Bye!"


class Stop(Exception):
    """Ctrl-C or SIGTERM arrived: stop the apps and end normally."""


class AppFailed(Exception):
    """An app did not come up or stopped by itself; the message names it and shows its output."""


def main(argv=None):
    args = parse_arguments(argv)
    ports = {app: getattr(args, f"{app}_port") or DEFAULT_PORTS[app] for app in APPS}
    problem = why_unavailable(ports, args.host)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    stop_on_signals()
    try:
        run(ports, args.host)
    except Stop:
        print(f"\n{GOODBYE}", flush=True)  # on a line of its own, after the "^C" the terminal shows
        return 0
    except AppFailed as failure:
        print(failure, file=sys.stderr, flush=True)
        return 1


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Start the Flask, Streamlit and Django apps side by side.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine)")
    for app in APPS:
        parser.add_argument(f"--{app}-port", type=int, help=f"default {DEFAULT_PORTS[app]}")
    return parser.parse_args(argv)


def why_unavailable(ports, host):
    """What stops the demo before any server starts, said with what to do; ``None`` when nothing does."""
    try:
        chosen_wsgi_server()
    except (WsgiServerUnavailable, ValueError) as problem:  # PENGUIN_WSGI_SERVER names one that cannot run
        return str(problem)
    # Checked first: a server already on a port would answer the health check in place of the new one.
    busy = {app: port for app, port in ports.items() if not port_is_free(port, host)}
    if not busy:
        return None
    named = ", ".join(f"{port} ({APP_NAMES[app]})" for app, port in busy.items())
    others = " ".join(f"{app.upper()}_PORT={port + 1}" for app, port in busy.items())
    return (f"In use already: port {named}. Stop what listens there (an earlier `make demo`?), "
            f"or choose other ports: make demo {others}")


def stop_on_signals():
    """Turn Ctrl-C and SIGTERM into ``Stop``, once: a second Ctrl-C must not interrupt the stopping."""
    def handler(signal_number, frame):
        for name in (signal.SIGINT, signal.SIGTERM):
            signal.signal(name, signal.SIG_IGN)
        raise Stop

    for name in (signal.SIGINT, signal.SIGTERM):
        signal.signal(name, handler)


def run(ports, host):
    """Start the three apps, print where they are once all answer, and watch them until told to stop."""
    print("Starting Flask, Streamlit and Django (Ctrl-C stops them)...", flush=True)
    with contextlib.ExitStack() as stack:  # leaving it stops every server started so far
        servers = {app: start(stack, app, ports[app], host) for app in APPS}
        print(address_table(servers, host), flush=True)
        watch(servers)


def start(stack, app, port, host):
    """``app`` served as `make serve-<app>` serves it, once it answers; ``stack`` will stop it."""
    environment = server_environment(app, os.environ, host=host)
    try:
        return stack.enter_context(started(app, environment, port=port, host=host, timeout=START_TIMEOUT))
    except RuntimeError as problem:  # a failed migrate, or processes.ServerDidNotStart
        raise AppFailed(f"The {APP_NAMES[app]} app did not start. {problem}") from None


def address_table(servers, host):
    rows = [f"  {APP_NAMES[app]:<10} {server.url + '/':<26} {WHAT_TO_SHOW[app]}"
            for app, server in servers.items()]
    lines = ["", "All three apps answer. Open them in the course's order; predict the same penguin in each:",
             "", *rows, "", f"Served by: {'; '.join(served_by(app, host=host) for app in servers)}."]
    if host == "0.0.0.0":
        lines.append(EVERY_INTERFACE)
    lines.append("Ctrl-C stops all three.")
    return "\n".join(lines)


def watch(servers):
    """Return never; raise ``AppFailed`` when an app stops by itself (``Stop`` ends the wait on a signal)."""
    while True:
        for app, server in servers.items():
            if server.process.poll() is not None:
                raise AppFailed(f"The {APP_NAMES[app]} app stopped by itself (exit code "
                                f"{server.process.returncode}), so the demo stopped the others. The end of "
                                f"its output:\n{server_output(server.process)}")
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
