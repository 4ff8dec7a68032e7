"""Settings from the environment: the development key refuses production, check --deploy is clean for
what serves behind nginx, HSTS is rolled out in stages, and DJANGO_DATABASE_URL chooses the database
(SQLite without it).

The tests that take ``database`` run on a SQLite file and on a PostgreSQL server.
"""

import secrets
from urllib.parse import urlsplit

from course_helpers.scale_out import instances_environment
from tests.support.django_project import manage, project_environment

STRONG_KEY = secrets.token_urlsafe(50)  # what a real deployment would use


def test_production_settings_pass_check_deploy_with_no_warnings(database):
    """`manage.py check --deploy --fail-level WARNING` passes under config.settings_production.

    ``--database default`` adds the checks of the database itself (Django skips them otherwise).
    """
    environment = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production",
                                      DJANGO_SECRET_KEY=STRONG_KEY, **database)
    result = manage("check", "--deploy", "--database", "default", "--fail-level", "WARNING",
                    environment=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_is_clean_for_exactly_what_serve_scaled_runs(tmp_path):
    """`make serve-scaled APP=django` serves config.settings_production: the settings, and the environment,
    that pass check --deploy are the ones that serve (scale_out.instances_environment builds both)."""
    environment = instances_environment("django", tmp_path, inherit_django_settings=True)
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings_production"
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (1 silenced)" in result.stdout  # W021: preload is the last stage of HSTS, not the first


def hsts(**environment):
    """What the production settings make of HSTS under ``environment``: the check's result and settings."""
    script = ("from django.conf import settings as s; "
              "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)")
    production = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production",
                                      DJANGO_SECRET_KEY=STRONG_KEY, **environment)
    return manage("shell", "--no-imports", "-c", script, environment=production)


def test_hsts_starts_short_and_without_preload():
    """Stage 1 of the roll-out: five minutes, so a mistake costs a browser five minutes, not a year."""
    assert hsts().stdout.split() == ["300", "True", "False"]


def test_hsts_preload_needs_a_year_and_then_check_deploy_silences_nothing():
    refused = hsts(DJANGO_HSTS_SECONDS="86400", DJANGO_HSTS_PRELOAD="1")
    assert refused.returncode != 0
    assert "DJANGO_HSTS_PRELOAD needs DJANGO_HSTS_SECONDS of a year" in refused.stderr
    year = {"DJANGO_HSTS_SECONDS": "31536000", "DJANGO_HSTS_PRELOAD": "1"}
    assert hsts(**year).stdout.split() == ["31536000", "True", "True"]
    environment = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production",
                                      DJANGO_SECRET_KEY=STRONG_KEY, **year)
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert result.returncode == 0 and "no issues (0 silenced)" in result.stdout, result.stdout + result.stderr


def test_hsts_seconds_that_are_not_a_number_are_refused():
    result = hsts(DJANGO_HSTS_SECONDS="a week")
    assert result.returncode != 0 and "DJANGO_HSTS_SECONDS must be a whole number" in result.stderr


def test_development_settings_fail_check_deploy():
    """The same check fails under the development settings (so the test above can fail)."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=project_environment())
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG is on


def test_debug_off_without_a_secret_key_refuses_to_start():
    """With DEBUG off, the public development key is refused with a message saying what to set."""
    result = manage("check", environment=project_environment(DJANGO_DEBUG="0"))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_without_a_secret_key_refuse_to_start():
    """Production settings have no fallback key at all."""
    environment = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production")
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "needs DJANGO_SECRET_KEY" in result.stderr


def test_debug_off_with_a_secret_key_starts():
    """DEBUG off plus a real key is a valid configuration (what `make serve-django` uses: a server on
    this machine without TLS in front, so not a deployment, and check --deploy says so)."""
    result = manage("check", environment=project_environment(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY))
    assert result.returncode == 0, result.stderr


def test_the_environment_chooses_the_database(database):
    """DJANGO_DATABASE_URL names the database Django connects to; without it, DJANGO_DB_PATH's SQLite file."""
    script = ("from django.db import connection; connection.ensure_connection(); "
              "print(connection.vendor, connection.settings_dict['NAME'])")
    result = manage("shell", "--no-imports", "-c", script, environment=project_environment(**database))
    assert result.returncode == 0, result.stderr
    if "DJANGO_DATABASE_URL" in database:
        expected = f"postgresql {urlsplit(database['DJANGO_DATABASE_URL']).path.lstrip('/')}"
    else:
        expected = f"sqlite {database['DJANGO_DB_PATH']}"
    assert result.stdout.strip() == expected


def test_migrations_apply_and_match_the_models(database):
    """`migrate` builds the schema on an empty database, and `makemigrations --check` finds nothing to add."""
    environment = project_environment(**database)
    migrated = manage("migrate", "--noinput", environment=environment)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    result = manage("makemigrations", "--check", "--dry-run", environment=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_a_database_url_django_cannot_use_is_refused_with_the_form_to_write():
    """A URL of an unknown kind stops the project with a message that shows what to write instead."""
    result = manage("check", environment=project_environment(DJANGO_DATABASE_URL="postgress://127.0.0.1/penguins"))
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_DATABASE_URL is not a database URL Django can use" in result.stderr
    assert "postgresql://user:password@host:5432/name" in result.stderr


def database_setting(key, **environment):
    """``DATABASES["default"][key]`` as the project's settings make it from ``environment``."""
    script = f"from django.conf import settings; print(settings.DATABASES['default'][{key!r}])"
    result = manage("shell", "--no-imports", "-c", script, environment=project_environment(**environment))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_servers_keep_their_database_connection_and_the_development_server_does_not(database):
    """DEBUG off (the course's servers): each worker keeps its connection; DEBUG on: Django's default."""
    served = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": STRONG_KEY, **database}
    assert database_setting("CONN_MAX_AGE", **served) == "600"
    assert database_setting("CONN_MAX_AGE", **database) == "0"
    assert database_setting("CONN_MAX_AGE", **served, DJANGO_CONN_MAX_AGE="0") == "0"


def test_a_connection_age_that_is_not_a_number_of_seconds_is_refused():
    result = manage("check", environment=project_environment(DJANGO_CONN_MAX_AGE="ten minutes"))
    assert result.returncode != 0
    assert "DJANGO_CONN_MAX_AGE must be a whole number of seconds" in result.stderr
