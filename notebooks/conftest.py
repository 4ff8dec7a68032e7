"""How `make test` runs the chapters: nbval executes each one and compares its stored outputs.

Chapter 07 runs nginx and PostgreSQL, which pip cannot install. Where they are missing its cells are
skipped, with the reason, so that a student's `make test` stays green; CI installs both, and there
(the environment variable CI is set) the chapter always runs.
"""

import os

import pytest

from course_helpers.postgres import unavailable_reason as postgres_unavailable
from course_helpers.scale_out import why_unavailable as nginx_unavailable

NEEDS_NGINX_AND_POSTGRES = "07_to_production.ipynb"


def pytest_collection_modifyitems(items):
    problem = nginx_unavailable() or postgres_unavailable()
    if not problem or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"chapter 07 needs what this machine lacks: {problem}")
    for item in items:
        if item.path.name == NEEDS_NGINX_AND_POSTGRES:
            item.add_marker(skip)
