"""Nothing only Linux and macOS have is used where Windows would reach it (``tests/support/posix_calls``).

Every use of process groups, fork, POSIX signals, ``resource``, ``fcntl``, ``pwd``, ``select`` on
pipes, exec, ``/tmp/`` or ``/dev/null`` in the course's Python code sits behind a platform check, a
skip mark for Windows, or a ``# posix only:`` comment that says why it is never reached there.
"""

import textwrap

import pytest

from penguin_model.data import REPO_ROOT
from tests.support.posix_calls import posix_calls

FOLDERS = ["src", "apps", "bench", "tests", "exercises"]


def test_the_course_uses_nothing_posix_only_where_windows_reaches_it():
    found = [f"{path.relative_to(REPO_ROOT).as_posix()}:{line}: {what}"
             for folder in FOLDERS for path in sorted((REPO_ROOT / folder).rglob("*.py"))
             for line, what in posix_calls(path.read_text(encoding="utf-8"))]
    advice = "Guard these for Windows (a platform check, posix_only, or `# posix only: why`):"
    assert found == [], "\n".join([advice, *found])


UNGUARDED = {
    "killpg": ("os.killpg(pid, signal.SIGINT)", ["os.killpg"]),
    "sigkill": ("process.send_signal(signal.SIGKILL)", ["signal.SIGKILL"]),
    "resource": ("import resource", ["import resource"]),
    "fcntl": ("from fcntl import flock", ["from fcntl import ..."]),
    "new-session": ("subprocess.Popen(command, start_new_session=True)", ["start_new_session="]),
    "select": ("select.select([pipe], [], [], 1)", ["select.select"]),
    "tmp": ("Path('/tmp/server.log')", ["'/tmp/server.log'"]),
    "dev-null": ("open('/dev/null')", ["'/dev/null'"]),
    "exec": ("os.execve(command[0], command, environment)", ["os.execve"]),
}


@pytest.mark.parametrize("name", UNGUARDED)
def test_the_checker_finds_each_kind_of_posix_only_use(name):
    code, expected = UNGUARDED[name]
    assert [what for _, what in posix_calls(code)] == expected


GUARDED = {
    "if-platform": """
        if sys.platform != "win32":
            os.killpg(pid, signal.SIGINT)
        """,
    "early-return": """
        def run(command):
            if sys.platform == "win32":
                return wait_for(command)
            os.execve(command[0], command, {})
        """,
    "hasattr-and": "root = hasattr(os, 'geteuid') and os.geteuid() == 0",
    "skip-mark": """
        @pytest.mark.skipif(sys.platform == "win32", reason="Windows lacks process groups.")
        def test_group():
            os.killpg(pid, signal.SIGINT)
        """,
    "posix-only-mark": """
        @posix_only("process groups")
        def test_group():
            os.killpg(pid, signal.SIGINT)
        """,
    "module-mark": """
        pytestmark = posix_only("select() on pipes")

        def read(pipe):
            return select.select([pipe], [], [], 1)
        """,
    "comment": """
        # posix only: reached only after why_unavailable() has refused Windows.
        process.send_signal(signal.SIGHUP)
        """,
}


@pytest.mark.parametrize("name", GUARDED)
def test_the_checker_accepts_each_kind_of_guard(name):
    assert posix_calls(textwrap.dedent(GUARDED[name])) == []


def test_a_guard_of_another_kind_does_not_count():
    """A check of something else is no platform check, and a comment must say why."""
    code = """
        if verbose:
            os.killpg(pid, signal.SIGINT)
        # posix only:
        import resource
        """
    assert [what for _, what in posix_calls(textwrap.dedent(code))] == ["os.killpg", "import resource"]


def test_the_chapters_windows_skips_are_notebooks_of_the_course():
    from tests.conftest import NOT_ON_WINDOWS

    assert all((REPO_ROOT / "notebooks" / name).is_file() for name in NOT_ON_WINDOWS)
