"""Fixtures for the request id, access log and metrics tests: both WSGI apps, called as a server calls them.

Each app is called through the entry point gunicorn serves (``flask_demo:create_app()``,
``config.wsgi:application``), with werkzeug's test client, which calls any WSGI application.
(Django's own test client starts below config/wsgi.py, so it would miss what is tested here.)
"""

import contextlib
import json
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families
from werkzeug.test import Client

from api_contract.proxies import TRUSTED_PROXIES_VARIABLE

WSGI_APPS = ["flask", "django"]


class ServerLikeClient(Client):
    """werkzeug's client, reading and closing every body at once as a server does: that ends the request."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        # Every server says who its peer is; here, by default, a client on this machine.
        kwargs["environ_base"] = {"REMOTE_ADDR": "127.0.0.1", **kwargs.get("environ_base", {})}
        return super().open(*args, **kwargs)


@pytest.fixture(params=WSGI_APPS)
def client(request, model_dir):
    """A client of one app's WSGI entry point, serving the session's model."""
    if request.param == "flask":
        from flask_demo import create_app

        yield ServerLikeClient(create_app({"TESTING": True, "MODEL_DIR": str(model_dir)}))
        return
    request.getfixturevalue("settings").PENGUIN_MODEL_DIR = model_dir
    from config.wsgi import application

    with database_connections_left_open():
        yield ServerLikeClient(application)


@pytest.fixture(params=WSGI_APPS)
def trusting_client(request, monkeypatch, model_dir):
    """A function: a client of one app started with PENGUIN_TRUSTED_PROXIES set to its argument."""
    if request.param == "flask":
        from flask_demo import create_app

        def flask_client(proxies):
            monkeypatch.setenv(TRUSTED_PROXIES_VARIABLE, proxies)
            return ServerLikeClient(create_app({"TESTING": True, "MODEL_DIR": str(model_dir)}))

        yield flask_client
        return
    with database_connections_left_open():
        yield request.getfixturevalue("trusting_django")


@pytest.fixture
def trusting_django(monkeypatch, settings, model_dir):
    """A function: a client of the Django project built as config/wsgi.py builds it, anew, so that it reads
    PENGUIN_TRUSTED_PROXIES and the settings of the test (config.wsgi read both once, when imported)."""
    from django.core.handlers.wsgi import WSGIHandler
    from predictor.loaded_model import current_model

    from api_contract.chunked import whole_bodies
    from api_contract.observability import observed

    settings.PENGUIN_MODEL_DIR = model_dir

    def django_client(proxies):
        monkeypatch.setenv(TRUSTED_PROXIES_VARIABLE, proxies)
        version = lambda: current_model().version  # noqa: E731 - as config/wsgi.py passes it
        return ServerLikeClient(observed(whole_bodies(WSGIHandler()), model_version=version))

    with database_connections_left_open():
        yield django_client


@contextlib.contextmanager
def database_connections_left_open():
    """As Django's own test client does: no closing of database connections around each request.

    Django closes old connections when a request starts and ends; in a test that would close the
    connection of the test's transaction (or touch a database the test may not use).
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def access_log(capsys):
    """A function that returns the JSON lines printed since it was last called (each must be JSON)."""
    capsys.readouterr()  # drop what came before the test's own requests

    def lines():
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    return lines


def sample_values(metrics_text, sample_name):
    """``{frozenset of label items: value}`` of every sample called ``sample_name`` in a /metrics answer."""
    return {frozenset(sample.labels.items()): sample.value
            for family in text_string_to_metric_families(metrics_text)
            for sample in family.samples if sample.name == sample_name}


def eventually(condition, timeout=30):
    """Wait until ``condition()`` is true (a server counts a request a moment after it has answered)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
