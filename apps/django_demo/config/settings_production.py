"""Production settings: the development settings plus HTTPS, for a server behind a TLS proxy.

``DJANGO_SETTINGS_MODULE=config.settings_production python manage.py check --deploy`` reports no
warnings. DEBUG is always off here and DJANGO_SECRET_KEY must be set (there is no fallback).
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ["DJANGO_DEBUG"] = "0"  # before the import below, which refuses the development key
if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured(
        "config.settings_production needs DJANGO_SECRET_KEY: set it to a long random value "
        "(`python -c \"import secrets; print(secrets.token_urlsafe(50))\"`) kept out of git."
    )

from config.settings import *  # noqa: E402,F403 - production extends the development settings

DEBUG = False
STATIC_ROOT = BASE_DIR / "staticfiles"  # noqa: F405 - filled by `manage.py collectstatic`
WHITENOISE_USE_FINDERS = False

# The TLS proxy in front of gunicorn sets this header; trust it only behind such a proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
