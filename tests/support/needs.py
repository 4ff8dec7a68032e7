"""Tests that need a program from outside Python: skipped with the reason, but failed when CI is set.

A student without nginx, PostgreSQL, a browser or wrk still gets a green `make test`, with the reason for each
skip; CI installs everything, and a test that silently skips there would prove nothing.

What a platform cannot have is another matter: Windows has no gunicorn, no fork, no process groups or
POSIX signals, and the course runs no nginx or PostgreSQL of its own there. Such a test skips on
Windows with the reason, in CI too (``posix_only``, ``skip_on_windows``), as nothing can be installed
to make it run.
"""

import os
import sys

import pytest

ON_WINDOWS = sys.platform == "win32"


def unavailable(reason):
    """Skip with ``reason``, or fail when the environment variable CI is set."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} The environment variable CI is set, so this test must run.")
    pytest.skip(reason)


def posix_only(needs):
    """A mark: skip on Windows, which lacks ``needs`` (e.g. "gunicorn", "process groups (os.killpg)")."""
    return pytest.mark.skipif(ON_WINDOWS, reason=f"Windows lacks {needs}.")


def skip_on_windows_else_require(problem):
    """Nothing to do when ``problem`` is None; skip on Windows (nothing installs it there); elsewhere
    ``unavailable(problem)``."""
    if problem is None:
        return
    if ON_WINDOWS:
        pytest.skip(problem)
    unavailable(problem)


def require_gunicorn():
    """Skip on Windows, where gunicorn cannot run; elsewhere skip (or, in CI, fail) unless it is installed."""
    from course_helpers.wsgi_servers import why_no_gunicorn

    skip_on_windows_else_require(why_no_gunicorn())


def require_nginx():
    """Skip (or, in CI, fail) unless nginx, and the gunicorn instances behind it, can run here."""
    from course_helpers.scale_out import why_unavailable

    skip_on_windows_else_require(why_unavailable())


def require_postgres():
    """Skip (or, in CI, fail) unless the course can start a PostgreSQL server here."""
    from course_helpers.postgres import unavailable_reason

    skip_on_windows_else_require(unavailable_reason())
