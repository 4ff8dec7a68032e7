"""The course's web site, built once per test session for the tests that read it (tests/book, tests/browser).

The build is ``make book``'s own command (``docs/book/build.py``) into a temporary folder, run as a
program in the site's own environment (``.venv-book``, which ``make setup-dev`` and ``make book``
create), so that its exit status and output are what a contributor would see. Under pytest-xdist the
workers share one build: the first to ask builds, the others wait for its result.
"""

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from penguin_model.data import REPO_ROOT
from tests.support.needs import ON_WINDOWS, unavailable

BUILD_SCRIPT = REPO_ROOT / "docs" / "book" / "build.py"
BOOK_PYTHON = REPO_ROOT / ".venv-book" / ("Scripts/python.exe" if ON_WINDOWS else "bin/python")
# Generous: the build takes seconds, but the machine may be running the rest of the suite meanwhile.
BUILD_TIMEOUT = 600


@dataclass(frozen=True)
class BuiltBook:
    folder: Path
    returncode: int
    output: str


def built_book(tmp_path_factory):
    """Build the site once for every worker of this session; the folder, exit status and output."""
    if not BOOK_PYTHON.is_file():
        unavailable("The web site's environment .venv-book is missing: `make setup-dev` (or `make book`) "
                    "creates it; README.md gives the commands for Windows.")
    # Under xdist each worker has its own base folder; their parent is this session's, shared.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder, result = shared / "book", shared / "book-result.json"
    try:
        (shared / "book-building").mkdir()  # atomic: only one worker gets to build
    except FileExistsError:
        return _wait_for(result, folder)
    done = subprocess.run([str(BOOK_PYTHON), str(BUILD_SCRIPT), str(folder)], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=BUILD_TIMEOUT)
    output = done.stdout + done.stderr
    written = result.with_suffix(".part")  # then renamed: a waiting worker never reads half a file
    written.write_text(json.dumps({"returncode": done.returncode, "output": output}), encoding="utf-8")
    written.replace(result)
    return BuiltBook(folder, done.returncode, output)


def _wait_for(result, folder):
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not result.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"another test worker did not finish building the book in {BUILD_TIMEOUT} s")
        time.sleep(0.5)
    recorded = json.loads(result.read_text(encoding="utf-8"))
    return BuiltBook(folder, recorded["returncode"], recorded["output"])
