"""gunicorn's settings for `python -m bench worker-types`: the course's, a worker type, and a wait.

Environment variables: BENCH_WORKER_CLASS (``sync``, ``gthread`` or ``gevent``), BENCH_THREADS (for
``gthread``) and BENCH_WAIT_MS: before each prediction the worker waits that long, as a request that
asks a database or another service would. (gevent's worker patches ``time.sleep``, so there the wait
lets other requests run, as a network call would.)
"""

import os
import time

from course_helpers.gunicorn_config import *  # noqa: F403 - the course's settings, plus the ones below

worker_class = os.environ.get("BENCH_WORKER_CLASS", "sync")
threads = int(os.environ.get("BENCH_THREADS", "1"))
WAIT_SECONDS = float(os.environ.get("BENCH_WAIT_MS", "0")) / 1000


def pre_request(worker, request):
    if WAIT_SECONDS and request.path == "/api/predict":
        time.sleep(WAIT_SECONDS)
