"""The Flask and Django apps as waitress loads them: ``--call course_helpers.waitress_apps:flask``.

waitress serves them where gunicorn cannot run (Windows), or when asked to (``PENGUIN_WSGI_SERVER``);
``course_helpers.servers.waitress_command`` is the command. Each function here returns the WSGI app
that gunicorn would serve (``servers.WSGI_APPS``), making up for what waitress does not do:

- It has no ``--chdir``: the app's folder is put on ``sys.path`` here, as gunicorn's option does.
- It has no hook that runs before serving, as gunicorn's ``on_starting`` (``gunicorn_config``): without
  a usable model the server stops with the course's paragraph, not a traceback.
- It runs one process, whose threads share prometheus_client's figures in memory, so /metrics counts
  every request with no folder of per-process files. An inherited PROMETHEUS_MULTIPROC_DIR (left by a
  shell that ran gunicorn's settings) would make prometheus_client read another server's files, so it
  is dropped before the app imports prometheus_client.
"""

import os
import pkgutil
import sys

from course_helpers.gunicorn_config import METRICS_VARIABLE
from course_helpers.servers import WSGI_APPS
from penguin_model import ModelLoadError


def flask():
    """The Flask app, ``flask_demo:create_app()``."""
    return loaded("flask")


def django():
    """The Django project, ``config.wsgi:application``; it checks the model itself when imported."""
    return loaded("django")


def loaded(app):
    """The WSGI application of ``app``, imported (and called, for a factory) from its folder."""
    os.environ.pop(METRICS_VARIABLE, None)
    folder, target = WSGI_APPS[app]
    sys.path.insert(0, str(folder))
    found = pkgutil.resolve_name(target.removesuffix("()"))
    try:
        return found() if target.endswith("()") else found
    except ModelLoadError as problem:
        print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
