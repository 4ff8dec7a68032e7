"""Which WSGI server runs Flask and Django: gunicorn where it runs, waitress where it does not or
where a client could hold gunicorn's workers.

gunicorn forks worker processes, which Windows cannot do, and is not installed there
(``requirements.txt``). waitress runs anywhere: one process, several threads. The choice is made
here only, by ``chosen_wsgi_server()``: a caller may name a server (``serving(..., wsgi_server=
"waitress")``), so may the environment (``PENGUIN_WSGI_SERVER=waitress make serve-flask``), and
otherwise gunicorn is taken where it can run, on loopback. Forcing waitress on Linux is how the
tests prove what a Windows student gets.

Beyond loopback (``--host 0.0.0.0``, as `make demo HOST=0.0.0.0` does for a classroom) any client
can reach the server, and a sync gunicorn worker serves one connection at a time from its first
byte to its last: a client that sends its body a byte a second holds it, and two such clients
stopped a server of two workers for 30 s. gunicorn's deployment guide says sync workers belong
behind a proxy that buffers requests (nginx: `make serve-scaled`). Without one, waitress serves: it
reads each request whole in its event loop before one of its threads runs the app. gunicorn's other
workers were weighed: a gthread worker waits for a connection's first bytes outside its threads but
then reads the rest of the request in a thread, so slow bodies still hold them; gevent workers
cannot be held, but each greenlet kept a database connection of its own, which exhausted
PostgreSQL's connections under Django. PENGUIN_WSGI_SERVER=gunicorn still gives gunicorn's sync
workers there: for a server that does sit behind a buffering proxy (a container behind nginx).
"""

import importlib.util
import ipaddress
import os
import sys

from api_contract.limits import MAX_BODY_BYTES

WSGI_SERVER_VARIABLE = "PENGUIN_WSGI_SERVER"
WSGI_SERVERS = ("gunicorn", "waitress")
# Why waitress serves a server other machines can reach (see above), in served_by's words.
BEYOND_LOOPBACK = "it listens beyond this machine; waitress reads each request whole before a thread runs it"
NO_GUNICORN = ("gunicorn cannot run here ({why}). Leave {variable} unset, or set it to waitress, and the "
               "course serves Flask and Django with waitress.")
# waitress's own default number of threads, named so that served_by can say it.
WAITRESS_THREADS = 4
# waitress reads a whole body before it calls the app. Up to this size it passes it on, and the app
# refuses one over MAX_BODY_BYTES with the contract's JSON 413; past it waitress refuses by itself,
# with a plain-text 413, so no client makes it spool a gigabyte (its default limit) first.
WAITRESS_BODY_LIMIT = 2 * MAX_BODY_BYTES


class WsgiServerUnavailable(RuntimeError):
    """The WSGI server asked for cannot run here; the message says why and what to do."""


def why_no_gunicorn():
    """Why gunicorn cannot run on this machine, in a few words, or None when it can."""
    if sys.platform == "win32":
        return "gunicorn does not run on Windows"
    if importlib.util.find_spec("gunicorn") is None:
        return "gunicorn is not installed"
    return None


def chosen_wsgi_server(wsgi_server=None, *, host="127.0.0.1"):
    """``wsgi_server``, else the environment's PENGUIN_WSGI_SERVER, else gunicorn where it runs and
    waitress where it does not or where ``host`` is beyond loopback (see above).
    ``WsgiServerUnavailable`` for gunicorn where it cannot run, ``ValueError`` for a name that is neither.
    """
    chosen = wsgi_server or os.environ.get(WSGI_SERVER_VARIABLE)
    if not chosen:
        return "waitress" if why_no_gunicorn() or not is_loopback(host) else "gunicorn"
    if chosen not in WSGI_SERVERS:
        raise ValueError(f"{chosen!r} is not one of the course's WSGI servers ({', '.join(WSGI_SERVERS)}); "
                         f"check {WSGI_SERVER_VARIABLE}.")
    if chosen == "gunicorn" and why_no_gunicorn():
        raise WsgiServerUnavailable(NO_GUNICORN.format(why=why_no_gunicorn(), variable=WSGI_SERVER_VARIABLE))
    return chosen


def why_waitress(wsgi_server=None, *, host="127.0.0.1"):
    """Why waitress serves, in a few words: gunicorn cannot run here, it was asked for, or the server
    listens beyond this machine."""
    if why_no_gunicorn():
        return why_no_gunicorn()
    if wsgi_server:
        return "as asked"
    if os.environ.get(WSGI_SERVER_VARIABLE):
        return f"as {WSGI_SERVER_VARIABLE} asks"
    return BEYOND_LOOPBACK


def is_loopback(host):
    """Whether a server on ``host`` is reachable from this machine only (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to any address
        return False


def waitress_command(app, host, port):
    """waitress serving ``app`` (flask or django) on ``host:port``, through ``waitress_apps``."""
    return [sys.executable, "-m", "waitress", f"--listen={host}:{port}", f"--threads={WAITRESS_THREADS}",
            f"--max-request-body-size={WAITRESS_BODY_LIMIT}", "--call", f"course_helpers.waitress_apps:{app}"]
