"""The APIs the contract suite runs against: every app, in process and as a real server.

A *target* is a context manager factory in ``TARGETS``. Called with the folder of a saved model,
it starts one implementation of the API, yields a client (``api_clients``), and stops everything
when the ``with`` block ends. To add an API to the suite, write a factory here and add it to
``TARGETS``: every contract test then runs against it too.
"""

import contextlib

from course_helpers.servers import serving
from tests.support.api_clients import DjangoTestClient, FlaskTestClient, RequestsClient, StarletteTestClient
from tests.support.needs import require_gunicorn, require_nginx


@contextlib.contextmanager
def flask_test_client(model_dir):
    """The Flask app in this process, created by its factory with a test config."""
    from flask_demo import create_app

    yield FlaskTestClient(create_app({"TESTING": True, "MODEL_DIR": str(model_dir)}))


@contextlib.contextmanager
def django_test_client(model_dir):
    """The Django project in this process, on a throwaway test database."""
    from django.test import override_settings

    from tests.support.django_project import database_access, throwaway_test_database

    with override_settings(PENGUIN_MODEL_DIR=model_dir), database_access(), throwaway_test_database():
        yield DjangoTestClient()


@contextlib.contextmanager
def fastapi_test_client(model_dir):
    """The FastAPI app in this process, created by its factory."""
    from fastapi_demo import create_app

    with StarletteTestClient(create_app(model_dir), "fastapi-test-client") as client:
        yield client


@contextlib.contextmanager
def streamlit_test_client(model_dir):
    """The Streamlit app's API in this process (its server hands it every request under /api/)."""
    from api import create_api

    from penguin_model import load_model

    with StarletteTestClient(create_api(load_model(model_dir)), "streamlit-test-client") as client:
        yield client


def real_server(app, target_name, wsgi_server=None):
    """A target factory: ``app`` served by its real server process, exactly as `make serve-<app>` runs it
    (Flask and Django: under ``wsgi_server``, gunicorn as on Linux and macOS or waitress as on Windows).
    """

    @contextlib.contextmanager
    def target(model_dir):
        if wsgi_server == "gunicorn":
            require_gunicorn()
        with serving(app, model_dir=model_dir, wsgi_server=wsgi_server) as base_url:
            yield RequestsClient(base_url, target_name)

    return target


def behind_nginx(app, target_name):
    """A target factory: two real servers of ``app`` behind nginx, as `make serve-scaled` runs them,
    called over HTTPS (the course's certificate, checked against its CA)."""

    @contextlib.contextmanager
    def target(model_dir):
        from course_helpers.scale_out import behind_nginx

        require_nginx()
        with behind_nginx(app, instances=2, model_dir=model_dir) as deployment:
            yield RequestsClient(deployment.url, target_name, behind_nginx=True, ca_file=deployment.ca_file)

    return target


TARGETS = {
    "flask-test-client": flask_test_client,
    "flask-gunicorn": real_server("flask", "flask-gunicorn", "gunicorn"),
    "flask-waitress": real_server("flask", "flask-waitress", "waitress"),
    "django-test-client": django_test_client,
    "django-gunicorn": real_server("django", "django-gunicorn", "gunicorn"),
    "django-waitress": real_server("django", "django-waitress", "waitress"),
    "fastapi-test-client": fastapi_test_client,
    "fastapi-uvicorn": real_server("fastapi", "fastapi-uvicorn"),
    "streamlit-test-client": streamlit_test_client,
    "streamlit-server": real_server("streamlit", "streamlit-server"),
    "flask-nginx-tls": behind_nginx("flask", "flask-nginx-tls"),
    "django-nginx-tls": behind_nginx("django", "django-nginx-tls"),
}
