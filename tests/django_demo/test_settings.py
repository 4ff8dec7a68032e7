"""Settings from the environment: the development key refuses production, check --deploy is clean."""

import secrets

from tests.support.django_project import manage, project_environment

STRONG_KEY = secrets.token_urlsafe(50)  # what a real deployment would use


def test_production_settings_pass_check_deploy_with_no_warnings():
    """`manage.py check --deploy --fail-level WARNING` passes under config.settings_production."""
    environment = project_environment(DJANGO_SETTINGS_MODULE="config.settings_production",
                                      DJANGO_SECRET_KEY=STRONG_KEY)
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


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
    """DEBUG off plus a real key is a valid configuration (what `make serve-django` uses)."""
    result = manage("check", environment=project_environment(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY))
    assert result.returncode == 0, result.stderr
