"""Production settings: the development settings plus HTTPS, for a server behind a TLS proxy.

These are the settings that serve when the instances run behind nginx, which terminates TLS
(`make serve-scaled APP=django`, ``course_helpers.scale_out``), and ``manage.py check --deploy``
reports no warnings for them. DEBUG is always off here and DJANGO_SECRET_KEY must be set (there is
no fallback).

HSTS tells a browser to use only HTTPS for this host, for the next SECURE_HSTS_SECONDS, whatever
link or address it is given later; it cannot be taken back before that time runs out. So it is
rolled out in stages, each one only once the previous has run without trouble:

1. a short time (the default here, DJANGO_HSTS_SECONDS=300: five minutes), to find what still
   needs plain HTTP while a mistake costs visitors five minutes;
2. longer steps: a day (86400), a week, a month;
3. a year (31536000) and DJANGO_HSTS_PRELOAD=1, then submitting the domain to the browsers'
   preload list (hstspreload.org): browsers then ship with it, and leaving the list takes months.
   Every subdomain must serve HTTPS first (includeSubDomains is on from stage 1).

Browsers ignore HSTS for IP addresses such as 127.0.0.1, but not for ``localhost``, where it
applies to every port: another plain-HTTP server on localhost stops working in that browser for
as long as SECURE_HSTS_SECONDS. One more reason to start short.

Environment variables, beside those of ``config.settings``:
  DJANGO_HSTS_SECONDS   how long browsers remember to use HTTPS only (default 300)
  DJANGO_HSTS_PRELOAD   "1" to ask for the preload list (needs DJANGO_HSTS_SECONDS of a year or more)
  DJANGO_STATIC_ROOT    where `manage.py collectstatic` copies the static files (default
                        apps/django_demo/staticfiles, git-ignored)
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.secret_files import secret

os.environ["DJANGO_DEBUG"] = "0"  # before the import below, which refuses the development key
if not secret("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured(
        "config.settings_production needs DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE, the path of a file "
        "holding it): set it to a long random value "
        "(`python -c \"import secrets; print(secrets.token_urlsafe(50))\"`) kept out of git."
    )

from config.settings import *  # noqa: E402,F403 - production extends the development settings
from config.settings import environment_flag  # noqa: E402 - named, for ruff

DEBUG = False
# Filled by `manage.py collectstatic`; WhiteNoise serves what it finds there, and only that.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))  # noqa: F405
WHITENOISE_USE_FINDERS = False

# nginx terminates TLS and sets this header on every request it passes on (a client's own is
# replaced); the instances listen on loopback, so only nginx can send it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# nginx and the course ask each instance directly whether it is up, and whether it is ready (its
# database answers), in plain HTTP on loopback or a container network (as a container platform's
# probes do, deploy/docker/compose.yaml): those answers carry nothing secret and must not be redirects.
SECURE_REDIRECT_EXEMPT = [r"^api/health$", r"^api/ready$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

YEAR = 60 * 60 * 24 * 365
try:
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "300"))
except ValueError:
    raise ImproperlyConfigured("DJANGO_HSTS_SECONDS must be a whole number of seconds, e.g. 300.") from None
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = environment_flag("DJANGO_HSTS_PRELOAD", default=False)
if SECURE_HSTS_PRELOAD and SECURE_HSTS_SECONDS < YEAR:
    raise ImproperlyConfigured(
        f"DJANGO_HSTS_PRELOAD needs DJANGO_HSTS_SECONDS of a year ({YEAR}) or more: the preload list "
        "refuses shorter ones. Reach the year in stages first (see config/settings_production.py)."
    )
if not SECURE_HSTS_PRELOAD:
    # check --deploy's W021 asks for preload; before the last stage, not asking is the decision.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
