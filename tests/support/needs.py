"""Tests that need a program from outside Python: skipped with the reason, but failed when CI is set.

A student without nginx, PostgreSQL, a browser or wrk still gets a green `make test`, with the reason for each
skip; CI installs everything, and a test that silently skips there would prove nothing.
"""

import os

import pytest


def unavailable(reason):
    """Skip with ``reason``, or fail when the environment variable CI is set."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} The environment variable CI is set, so this test must run.")
    pytest.skip(reason)


def require_nginx():
    """Skip (or, in CI, fail) unless nginx, and the gunicorn instances behind it, can run here."""
    from course_helpers.scale_out import why_unavailable

    problem = why_unavailable()
    if problem:
        unavailable(problem)


def require_postgres():
    """Skip (or, in CI, fail) unless the course can start a PostgreSQL server here."""
    from course_helpers.postgres import unavailable_reason

    problem = unavailable_reason()
    if problem:
        unavailable(problem)
