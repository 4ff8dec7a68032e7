"""gunicorn's settings for the Flask and Django servers: ``--config python:course_helpers.gunicorn_config``.

The model is loaded once in gunicorn's master process, before any worker starts. Without a usable
model the server stops there with the course's one-paragraph explanation, whatever the number of
workers. (Left to the workers, each failed on its own, and gunicorn sometimes printed a traceback
of its own while stopping the others.) Workers are forked from the master and share what it has
imported; each still loads the model itself, so a restart picks up a new one.
"""

import sys

from penguin_model import ModelLoadError, load_model

accesslog = "-"  # one line per request on the standard output
# gunicorn's control socket has one path per user: two servers at once (make demo, tests) would share it.
control_socket_disable = True


def on_starting(server):
    """Check the model before gunicorn starts any worker; stop with the explanation if it is unusable."""
    try:
        load_model()
    except ModelLoadError as problem:
        print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
