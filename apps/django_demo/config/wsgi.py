"""The WSGI entry point that gunicorn and waitress serve: ``config.wsgi:application``.

The model is taken here, when each server process starts, so the first request does not pay for
it and a missing or unloadable model stops the server with a clear message. (A gunicorn worker finds
it already loaded by its master, ``penguin_model.served``; waitress's one process loads it here.)
"""

import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from api_contract.chunked import whole_bodies
from api_contract.observability import observed

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_application = get_wsgi_application()

# Imported after the settings are configured, which these modules need.
from predictor.loaded_model import current_model  # noqa: E402

from penguin_model import ModelLoadError  # noqa: E402

try:
    current_model()
except ModelLoadError as problem:
    print(f"The server cannot start: {problem}", file=sys.stderr, flush=True)
    raise SystemExit(3) from None  # 3 tells gunicorn that the worker failed to boot: it stops

# Around Django itself, as in Flask: chunked bodies read whole (Django reads CONTENT_LENGTH bytes, and
# gunicorn sends none with them), then request ids, one JSON log line per request and /metrics.
whole_body_application = whole_bodies(django_application, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
application = observed(whole_body_application, model_version=lambda: current_model().version)
