"""Secrets as files (``config.secret_files``): what deploy/docker/compose.yaml hands Django.

A careless copy that reads only DJANGO_SECRET_KEY would start with no key from a compose secret (or,
under ``course_helpers.serve``, with a random one per container, so logins would end at each restart).
"""

import secrets
from urllib.parse import urlsplit, urlunsplit

import pytest
from config.secret_files import secret
from django.core.exceptions import ImproperlyConfigured

from course_helpers.postgres import create_database
from course_helpers.servers import server_environment
from tests.support.django_project import manage, project_environment


def test_the_file_named_by_the_variable_is_read_without_its_line_break(tmp_path, monkeypatch):
    key_file = tmp_path / "django_secret_key"
    key_file.write_text("a-key-from-a-file\n", encoding="utf-8")
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(key_file))
    assert secret("DJANGO_SECRET_KEY") == "a-key-from-a-file"


def test_without_a_file_the_variable_or_the_default_is_used(monkeypatch):
    monkeypatch.delenv("DJANGO_SECRET_KEY_FILE", raising=False)
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    assert secret("DJANGO_SECRET_KEY", "fallback") == "fallback"
    monkeypatch.setenv("DJANGO_SECRET_KEY", "from-the-variable")
    assert secret("DJANGO_SECRET_KEY", "fallback") == "from-the-variable"


@pytest.mark.parametrize("problem", ["both", "missing", "empty"])
def test_a_secret_file_that_cannot_serve_is_refused_with_the_variable_named(tmp_path, monkeypatch, problem):
    """Both forms at once, a path that does not exist, an empty file: each stops the settings, naming why."""
    key_file = tmp_path / "django_secret_key"
    key_file.write_text("" if problem == "empty" else "a-key\n", encoding="utf-8")
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(key_file if problem != "missing" else tmp_path / "none"))
    if problem == "both":
        monkeypatch.setenv("DJANGO_SECRET_KEY", "another-key")
    else:
        monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY_FILE"):
        secret("DJANGO_SECRET_KEY")


def test_the_serve_command_keeps_a_key_given_as_a_file():
    """Without DJANGO_SECRET_KEY it makes a random key, but not when the key comes from a file."""
    environment = server_environment("django", {"DJANGO_SECRET_KEY_FILE": "/run/secrets/django_secret_key"})
    assert "DJANGO_SECRET_KEY" not in environment


def test_production_settings_connect_with_the_key_and_password_from_files(tmp_path, postgres_url):
    """config.settings_production reads DJANGO_SECRET_KEY_FILE and DJANGO_DATABASE_PASSWORD_FILE, as the
    compose file sets them: a URL without its password then reaches PostgreSQL with the file's."""
    url = urlsplit(create_database(postgres_url, f"secrets_{secrets.token_hex(4)}"))
    (tmp_path / "password").write_text(url.password + "\n", encoding="utf-8")
    key = secrets.token_urlsafe(50)
    (tmp_path / "key").write_text(key + "\n", encoding="utf-8")
    without_password = urlunsplit(url._replace(netloc=f"{url.username}@{url.hostname}:{url.port}"))
    environment = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production",
                                      DJANGO_SECRET_KEY_FILE=str(tmp_path / "key"),
                                      DJANGO_DATABASE_URL=without_password,
                                      DJANGO_DATABASE_PASSWORD_FILE=str(tmp_path / "password"))
    script = ("from django.conf import settings; from django.db import connection; "
              f"connection.ensure_connection(); print(settings.SECRET_KEY == {key!r}, connection.vendor)")
    result = manage("shell", "--no-imports", "-c", script, environment=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "postgresql"]
