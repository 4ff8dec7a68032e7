"""The ASGI entry point (``config.asgi:application``) for servers such as uvicorn.

The course serves the project over WSGI; this file is here because every Django project has it.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()
