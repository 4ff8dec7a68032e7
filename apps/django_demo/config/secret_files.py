"""Secrets read from files: ``NAME_FILE`` names a file that holds the value of ``NAME``.

Docker Compose and Kubernetes hand secrets to a container as files (compose's ``secrets:`` mounts
each under /run/secrets/). A file is better than the variable itself: a variable shows in
``docker inspect``, is inherited by every child process and is printed by any crash report that
dumps the environment, while a file is read once, by the one process that needs it, and can be
readable by the app's user only. The official PostgreSQL image reads ``POSTGRES_PASSWORD_FILE`` the
same way, and refuses both forms at once, as this module does.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def secret(name, default=None):
    """The value of the environment variable ``name``, or the content of the file ``name``_FILE names
    (one trailing line break removed, as editors and ``echo`` add one); ``default`` when neither is set."""
    path = os.environ.get(f"{name}_FILE")
    if path is None:
        return os.environ.get(name, default)
    if name in os.environ:
        raise ImproperlyConfigured(f"Both {name} and {name}_FILE are set: keep one, so that nobody wonders "
                                   "which secret is in use.")
    try:
        with open(path, encoding="utf-8") as file:
            value = file.read()
    except (OSError, UnicodeDecodeError) as problem:
        raise ImproperlyConfigured(f"{name}_FILE names {path!r}, which cannot be read: {problem}") from None
    value = value.removesuffix("\n").removesuffix("\r")
    if not value:
        raise ImproperlyConfigured(f"{name}_FILE names {path!r}, which is empty.")
    return value
