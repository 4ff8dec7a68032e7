"""Settings of the Django demo, read from the environment (Django's deployment checklist).

Development needs no configuration: DEBUG is on and a fixed, publicly known SECRET_KEY is used.
That key is refused as soon as DEBUG is off, so a server that shows no debug pages also signs
its cookies with a real secret. ``config.settings_production`` adds the HTTPS settings that
``manage.py check --deploy`` asks for.

Environment variables:
  DJANGO_DEBUG          "1" (default) or "0"
  DJANGO_SECRET_KEY     required when DJANGO_DEBUG=0
  DJANGO_ALLOWED_HOSTS  comma-separated host names (default: 127.0.0.1,localhost)
  DJANGO_DATABASE_URL   a database server to use instead of SQLite, for example
                        postgresql://user:password@127.0.0.1:5432/penguins (read by dj-database-url)
  DJANGO_DATABASE_PASSWORD  the database server's password, when it is not in DJANGO_DATABASE_URL
  DJANGO_DB_PATH        the SQLite file when DJANGO_DATABASE_URL is not set
                        (default: apps/django_demo/db.sqlite3, git-ignored)
  DJANGO_CONN_MAX_AGE   seconds a worker keeps its database connection between requests (default:
                        600 with DEBUG off, 0 with it on: a new connection for every request)
  DJANGO_STORE_PREDICTIONS  "1" (default) stores every prediction in the history; "0" predicts
                        without storing (the serving benchmark measures Django apart from its write)
  PENGUIN_MODEL_DIR     the trained model's folder (default: models/ at the repository root)

DJANGO_SECRET_KEY and DJANGO_DATABASE_PASSWORD can instead be read from a file: set
DJANGO_SECRET_KEY_FILE or DJANGO_DATABASE_PASSWORD_FILE to its path (``config.secret_files`` says why;
deploy/docker/compose.yaml does so).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from api_contract import MAX_BODY_BYTES
from api_contract.pages import STATIC_FOLDER
from config.secret_files import secret
from penguin_model import model_directory

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-on-a-server"


def environment_flag(name, default):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def environment_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = environment_flag("DJANGO_DEBUG", default=True)
SECRET_KEY = secret("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is off but DJANGO_SECRET_KEY is not set, so the public development key would "
        "sign sessions and password-reset links. Set DJANGO_SECRET_KEY to a long random value, e.g. the "
        "output of `python -c \"import secrets; print(secrets.token_urlsafe(50))\"` (or set DJANGO_DEBUG=1 "
        "to develop)."
    )
ALLOWED_HOSTS = environment_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

PENGUIN_MODEL_DIR = model_directory()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "predictor",
    # Counts wrong admin passwords and stops a client that keeps trying (predictor/login_throttle.py).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise serves the static files (the admin's, the course's stylesheet) under gunicorn, where
    # Django itself does not: its staticfiles app serves them only from runserver with DEBUG on.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Content-Security-Policy the Flask and FastAPI pages send too (api_contract.headers).
    "predictor.security.ContentSecurityPolicy",
    # A database that is down gets a 503 with Retry-After and one log line, not a 500 and a traceback.
    "predictor.errors.DatabaseOutage",
    # Last, as django-axes asks: answers a login refused for too many failures with its page.
    "axes.middleware.AxesMiddleware",
]

# The client is checked first (predictor/login_throttle.py), then the password, by Django's own backend.
AUTHENTICATION_BACKENDS = [
    "predictor.login_throttle.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5  # wrong passwords in a row for one user name from one address...
AXES_COOLOFF_TIME = timedelta(minutes=15)  # ...stop that pair for this long (then it may try again)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the pair, so nobody can lock the admin out
AXES_RESET_ON_SUCCESS = True  # a right password clears the count
AXES_LOCKOUT_TEMPLATE = "predictor/locked_out.html"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def connection_max_age():
    """How long a worker keeps its database connection (CONN_MAX_AGE), the same for SQLite and a server.

    Django's default, 0, opens a connection for every request and closes it after. On SQLite each new
    connection runs the WAL pragmas again, and closing the last one open folds the write-ahead log back
    into the database file, waiting for the disk; `python -m bench database` measures what that costs
    (docs/benchmarks.md). A PostgreSQL connection is a server process of its own, dearer still. Kept, a
    sync gunicorn worker (one thread) holds one connection, waitress one per thread.

    Kept only with DEBUG off, that is on the course's servers: Django's development server starts a
    thread per request, and each thread's kept connection stays open until garbage collection, which is
    why Django's documentation ("Databases", persistent connections) says not to enable them in
    development. (It also advises against them under ASGI; the course serves Django over WSGI.)
    """
    value = os.environ.get("DJANGO_CONN_MAX_AGE", "0" if DEBUG else "600").strip()
    if not value.isdigit():
        raise ImproperlyConfigured(f"DJANGO_CONN_MAX_AGE must be a whole number of seconds (0 for a new "
                                   f"connection on every request), not {value!r}.")
    return int(value)


def sqlite_database():
    """SQLite, the embedded default: one file, no server to run."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path(os.environ.get("DJANGO_DB_PATH", BASE_DIR / "db.sqlite3")),
        "CONN_MAX_AGE": connection_max_age(),
        "OPTIONS": {
            # Several gunicorn workers write predictions at once. WAL lets readers and one writer
            # work together; IMMEDIATE transactions take the write lock up front, so a waiting
            # writer queues (up to `timeout` seconds) instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def server_database(url):
    """The database server named by ``url`` (PostgreSQL is the one the course tests)."""
    try:
        # A sync gunicorn worker serves one request at a time, so one connection per worker, kept (see
        # connection_max_age), is all it needs. The health check replaces a connection the server has
        # closed (a restart, an idle timeout) before a request uses it, instead of failing that request.
        return dj_database_url.parse(url, conn_max_age=connection_max_age(), conn_health_checks=True)
    except ValueError as problem:
        raise ImproperlyConfigured(
            f"DJANGO_DATABASE_URL is not a database URL Django can use: {problem} Write it as "
            "postgresql://user:password@host:5432/name (percent-encode special characters in the password), "
            "or unset it to use SQLite."
        ) from None


# Lower case, so not a setting: Django's debug page hides DATABASES' PASSWORD, but would show a URL setting.
database_url = os.environ.get("DJANGO_DATABASE_URL", "").strip()
DATABASES = {"default": server_database(database_url) if database_url else sqlite_database()}
database_password = secret("DJANGO_DATABASE_PASSWORD")
if database_url and database_password is not None:
    DATABASES["default"]["PASSWORD"] = database_password  # kept out of the URL, e.g. in a secret's file
# Whether predictions are stored in the history (predictor.models.record_predictions); on by default.
STORE_PREDICTIONS = environment_flag("DJANGO_STORE_PREDICTIONS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Besides each app's own static/ folder (the admin's CSS), the course's stylesheet, shared with Flask.
STATICFILES_DIRS = [STATIC_FOLDER]
# WhiteNoise serves the files where the finders find them, so the demo needs no collectstatic step
# (production settings collect them into STATIC_ROOT instead).
WHITENOISE_USE_FINDERS = True

# The same body limit as the Flask app: a larger request is answered with 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

REST_FRAMEWORK = {
    # JSON only, whatever the client's Accept header says: the contract never answers with HTML.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "predictor.negotiation.JSONOnlyNegotiation",
    # The views read the raw body with the contract's strict parser (api_contract), the one the Flask
    # app uses, so both refuse the same bodies with the same messages.
    "DEFAULT_PARSER_CLASSES": [],
    # The prediction API is public; no session authentication means no CSRF check on JSON posts.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "predictor.errors.contract_exception_handler",
    # No answer to OPTIONS (DRF would describe each view): a method outside the contract is a 405.
    "DEFAULT_METADATA_CLASS": None,
}

# Django's warnings and errors (refused requests, CSRF failures, crashes) go to the console once,
# whether DEBUG is on or off; by default they are printed only with DEBUG on. What a client causes and
# Django refuses (django.security: a Host header the site does not serve, say) is one warning line, not
# a traceback; the app's own warnings (predictor: a database outage) are one line each too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "api_contract.log_lines.OneLineWarning"}},
    "formatters": {"named": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "filters": ["one_line"], "formatter": "named"},
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["one_line"], "level": "WARNING", "propagate": False},
        "predictor": {"handlers": ["one_line"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["one_line"], "level": "WARNING", "propagate": False},  # a lockout, in a line
    },
}
