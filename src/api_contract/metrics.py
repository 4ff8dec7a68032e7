"""The Prometheus metrics every WSGI app exports at /metrics: requests, latency, the model version.

prometheus_client keeps the figures. One process keeps them in memory; gunicorn's workers are
separate processes, so under gunicorn each worker writes its figures to files in
PROMETHEUS_MULTIPROC_DIR and /metrics adds up the files of every worker, dead ones included
(``course_helpers.gunicorn_config`` makes a fresh directory per server start). prometheus_client
chooses between the two when it is first imported, so the variable must be set before that.

Label values come from short fixed lists, never from the raw request: a client that sends a
million different paths or methods must not make a million time series.
"""

import functools
import glob
import os

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, make_wsgi_app
from prometheus_client.multiprocess import MultiProcessCollector

from api_contract.openapi import openapi_document

METRICS_PATH = "/metrics"
MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
OTHER = "other"  # the label of any path or method not in the lists
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Bucket bounds in seconds, fine where these apps answer (a fraction of a millisecond to tens of ms)
# and coarse beyond; a percentile read from them is only known to lie within its bucket.
LATENCY_BUCKETS = (0.00025, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025,
                   0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, float("inf"))

REQUESTS = Counter("penguin_http_requests", "HTTP requests answered, by endpoint, method and status.",
                   ["endpoint", "method", "status"])
LATENCY_METRIC = "penguin_http_request_duration_seconds"  # course_helpers.percentiles reads it back
LATENCY = Histogram(LATENCY_METRIC,
                    "Time from the app receiving a request to the end of its answer, by endpoint and method.",
                    ["endpoint", "method"], buckets=LATENCY_BUCKETS)
# Info metrics do not work in multiprocess mode; a gauge at 1 per served version does. "livemax":
# a version is shown while at least one live worker serves it, so a roll-out shows both, then one.
MODEL_VERSION = Gauge("penguin_model_info", "The model version served (1) by at least one live process.",
                      ["model_version"], multiprocess_mode="livemax")


def endpoints():
    """The endpoint labels: the contract's paths, the form at / and /metrics itself."""
    return frozenset(openapi_document()["paths"]) | {"/", METRICS_PATH}


def record_request(endpoint, method, status, seconds):
    """Count one answered request; ``endpoint`` is one of ``endpoints()`` or ``OTHER``."""
    answered, latency = _series(endpoint, method if method in METHODS else OTHER, status)
    answered.inc()
    latency.observe(seconds)


@functools.cache  # the labels are few, and looking a series up by them costs more than counting
def _series(endpoint, method, status):
    return REQUESTS.labels(endpoint, method, status), LATENCY.labels(endpoint, method)


def show_model_version(version, previous=None):
    """Say that this process serves ``version`` now (and no longer ``previous``)."""
    if previous is not None:
        MODEL_VERSION.labels(previous).set(0)
    MODEL_VERSION.labels(version).set(1)


def metrics_app():
    """A WSGI app answering with the metrics in Prometheus's text format: every worker's under gunicorn."""
    if MULTIPROCESS_VARIABLE not in os.environ:
        return make_wsgi_app(REGISTRY)
    registry = CollectorRegistry()  # not the default one: it holds this worker's figures only
    WorkerFilesCollector(registry)  # reads the directory's files at every scrape
    return make_wsgi_app(registry)


class WorkerFilesCollector(MultiProcessCollector):
    """prometheus_client's collector of every worker's files, less the files still empty.

    A worker creates its file and then sizes it (prometheus_client's ``MmapedDict``); a scrape between
    the two, while gunicorn starts new workers (a reload), read the empty file, raised ``struct.error``
    and answered /metrics with gunicorn's HTML error page. An empty file holds no figure yet.
    """

    def collect(self):
        files = [path for path in glob.glob(os.path.join(self._path, "*.db")) if _has_content(path)]
        return self.merge(files, accumulate=True)


def _has_content(path):
    try:
        return os.path.getsize(path) > 0
    except FileNotFoundError:  # a dead worker's live gauge, removed since the glob
        return False
