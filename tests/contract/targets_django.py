"""The Django project as two contract targets: Django's test client, and a real gunicorn.

``django-test-client`` calls the project in this process. pytest-django blocks database access
outside tests marked for it, and the contract suite's tests are not, so this target opens the
database itself: a throwaway test database (pytest-django's own when one exists), with every
prediction the suite makes rolled back at the end. It never touches the development database.
"""

import contextlib
import tempfile
from pathlib import Path

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

from penguin_model.serving import free_port, running_server
from tests.contract.targets import (
    NO_CONTENT_TYPE,
    REQUEST_COUNTS,
    ApiResponse,
    RequestsClient,
    encode_request,
    media_type,
    register,
)
from tests.django_demo.helpers import gunicorn_command, migrate, server_environment


class DjangoTestClient:
    """A client that calls the Django project in this process through Django's test client."""

    target_name = "django-test-client"

    def __init__(self):
        self.client = Client()

    def request(self, method, path, *, body=None, content_type=None):
        data, headers = encode_request(body, content_type)
        # Django's test client sends a Content-Type only with a non-empty body; set it in the
        # WSGI environment so that an empty JSON body is sent as such ("" means no header).
        declared = "" if content_type is NO_CONTENT_TYPE else headers.get("Content-Type", "")
        REQUEST_COUNTS[self.target_name] += 1
        answer = self.client.generic(method, path, data or b"", CONTENT_TYPE=declared)
        content_type = media_type(answer.headers.get("Content-Type"))
        return ApiResponse(answer.status_code, content_type, answer.content, dict(answer.headers))


@contextlib.contextmanager
def database_access():
    """Unblock pytest-django's database guard for the ``with`` block (no-op if it is not active)."""
    blocker = getattr(BaseDatabaseWrapper.ensure_connection, "__self__", None)
    with blocker.unblock() if hasattr(blocker, "unblock") else contextlib.nullcontext():
        yield


@contextlib.contextmanager
def throwaway_test_database():
    """A migrated test database; every write made inside the block is rolled back."""
    created_here = not connection.is_in_memory_db()  # the test settings use SQLite in memory
    if created_here:
        original_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        if created_here:
            connection.creation.destroy_test_db(original_name, verbosity=0)


@register("django-test-client")
@contextlib.contextmanager
def django_test_client(model_dir):
    """The Django project in this process, on a throwaway test database."""
    with override_settings(PENGUIN_MODEL_DIR=model_dir), database_access(), throwaway_test_database():
        yield DjangoTestClient()


@register("django-gunicorn")
@contextlib.contextmanager
def django_gunicorn(model_dir):
    """The Django project under gunicorn, a real server process, as `make serve-django` runs it."""
    with tempfile.TemporaryDirectory(prefix="django-contract-") as folder:
        environment = server_environment(model_dir, Path(folder) / "history.sqlite3")
        migrate(environment)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        with running_server(gunicorn_command(port), f"{base_url}/api/health", env=environment):
            yield RequestsClient(base_url, "django-gunicorn")
