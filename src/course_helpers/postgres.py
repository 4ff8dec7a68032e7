"""A throwaway PostgreSQL server for the tests, the benchmarks and chapter 07, run by the course itself.

SQLite needs no server; PostgreSQL does, and nobody should have to set one up as a system service to
follow the course. So the course runs PostgreSQL's own programs in a temporary folder: ``initdb``
makes a new cluster there, ``pg_ctl`` starts it on a free port of 127.0.0.1 (with a password, and its
Unix socket inside that folder), ``createdb`` makes the database, and when the ``with`` block ends the
server is stopped and the folder deleted, whatever happened inside::

    with temporary_server() as url:  # postgresql://course:<password>@127.0.0.1:<port>/penguins
        ...

``unavailable_reason()`` says in one sentence why that cannot work on this machine (PostgreSQL is not
installed, or this is Windows), for a test to skip with and a notebook to print. ``stopped(url)`` stops
such a server for a while and starts it again with its data, an outage to show what the apps do then.
"""

import contextlib
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from course_helpers.processes import free_port
from course_helpers.system_programs import install_hint, is_root

PROGRAMS = ("initdb", "pg_ctl", "postgres", "createdb")
USER = "course"  # the superuser of the throwaway cluster
DATABASE = "penguins"
# Where the server programs are when they are not on the PATH: Debian and Ubuntu keep them per major
# version, off the PATH; Homebrew links `postgresql` into its bin folder, while its versioned formulae
# (postgresql@17, ...) are "keg-only" and stay in their own folder under opt/.
FOLDER_PATTERNS = ("/usr/lib/postgresql/*/bin", "/opt/homebrew/bin", "/usr/local/bin",
                   "/opt/homebrew/opt/postgresql@*/bin", "/usr/local/opt/postgresql@*/bin")
# initdb and the server refuse to run as root: a database server with root's rights would hand the
# whole machine to anyone who can make it run a query. CI runs as root, so there the course runs them
# as the `postgres` system user, which Debian's and Ubuntu's packages create.
SERVER_USER = "postgres"
# The data lives only as long as the `with` block, so nothing needs to reach the disk safely. These
# settings make a test server much faster and would lose or corrupt the data of a real one after a crash
# of the machine: never use them for data you want to keep.
THROWAWAY_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}

WINDOWS = ("The course's temporary PostgreSQL server is not supported on Windows; Django runs on SQLite "
           "there (install PostgreSQL yourself and set DJANGO_DATABASE_URL to use it).")
NOT_INSTALLED = ("PostgreSQL's server programs (initdb, pg_ctl) were not found on the PATH, in "
                 "/usr/lib/postgresql/*/bin or in Homebrew's folders: install PostgreSQL, "
                 f"{install_hint('postgresql')}, or put the folder holding initdb on the PATH.")
# The data folder of each temporary server running in this process, by its address ("127.0.0.1:port").
_RUNNING = {}
NO_SERVER_USER = ("PostgreSQL refuses to run as root, and this runs as root with no `postgres` system user "
                  "to run it as (or neither runuser nor su): install PostgreSQL's package, which creates "
                  "that user, or run as a normal user.")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot run here; the message says why and what to install."""


class PostgresFailed(RuntimeError):
    """A PostgreSQL program failed; the message includes its output."""


def unavailable_reason():
    """Why the course cannot start a PostgreSQL server here, as a sentence; ``None`` when it can."""
    if sys.platform == "win32":
        return WINDOWS
    if server_programs() is None:
        return NOT_INSTALLED
    if is_root() and not (_server_user_exists() and (shutil.which("runuser") or shutil.which("su"))):
        return NO_SERVER_USER
    return None


def server_programs():
    """The folder holding initdb, pg_ctl, postgres and createdb (the newest version first), or ``None``."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).parent] if on_path else []
    for pattern in FOLDER_PATTERNS:
        candidates += sorted(Path("/").glob(pattern.lstrip("/")), key=_version, reverse=True)
    complete = (folder for folder in candidates if all((folder / name).is_file() for name in PROGRAMS))
    return next(complete, None)


@contextlib.contextmanager
def temporary_server(database=DATABASE, *, settings=THROWAWAY_SETTINGS, timeout=60):
    """Start a new PostgreSQL server on a free port of 127.0.0.1; yield the URL of ``database`` on it.

    ``settings`` are server settings (postgresql.conf) on top of PostgreSQL's defaults. The server is
    always stopped and its folder deleted when the block ends.
    """
    reason = unavailable_reason()
    if reason:
        raise PostgresUnavailable(reason)
    folder = Path(tempfile.mkdtemp(prefix="postgres-"))
    try:
        password = secrets.token_urlsafe(16)  # URL-safe characters: no quoting needed in the URL
        port = free_port()
        where = {"listen_addresses": "127.0.0.1", "port": port, "unix_socket_directories": folder}
        data = _initialise(folder, password, where | settings, timeout)
        _start(folder, data, timeout)
        _RUNNING[f"127.0.0.1:{port}"] = data
        try:
            server_url = f"postgresql://{USER}:{password}@127.0.0.1:{port}"
            yield create_database(f"{server_url}/postgres", database)
        finally:
            _RUNNING.pop(f"127.0.0.1:{port}", None)
            _stop(data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def stopped(url, *, timeout=60):
    """Stop the temporary server of ``url`` (any database on it) for the ``with`` block, then start it
    again with its data: a database outage, for the tests and the chapters. Its clients' connections end,
    and new ones are refused, until the block ends.
    """
    address = urlsplit(url).netloc.rsplit("@", 1)[-1]
    if address not in _RUNNING:
        raise ValueError(f"{address} is not a server started by temporary_server() in this process.")
    data = _RUNNING[address]
    _stop(data)
    try:
        yield
    finally:
        _start(data.parent, data, timeout)


def create_database(url, name):
    """Create the database ``name`` on the server of ``url`` (any database of it); return its URL."""
    _run([server_programs() / "createdb", f"--maintenance-db={url}", name], timeout=60)
    return f"{url.rsplit('/', 1)[0]}/{name}"


def _initialise(folder, password, settings, timeout):
    """A new cluster in ``folder``/data: superuser ``USER`` with ``password``, ``settings`` in its conf."""
    password_file = folder / "password"
    password_file.write_text(password, encoding="utf-8")
    if is_root():  # the server runs as SERVER_USER, who must own its folder
        user = _server_user()
        for path in (folder, password_file):
            os.chown(path, user.pw_uid, user.pw_gid)
    data = folder / "data"
    # --no-sync: the folder is deleted at the end, so initdb need not wait for the disk.
    _run_as_server_user([server_programs() / "initdb", "--pgdata", data, "--username", USER,
                         f"--pwfile={password_file}", "--auth=scram-sha-256", "--encoding=UTF8",
                         "--locale=C", "--no-sync"], cwd=folder, timeout=timeout)
    password_file.unlink()
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# Written by course_helpers.postgres\n")
        conf.write("".join(f"{name} = {_quoted(value)}\n" for name, value in settings.items()))
    return data


def _start(folder, data, timeout):
    """Start the server and wait until it accepts connections; its log goes to ``folder``/server.log."""
    log = folder / "server.log"
    try:
        _run_as_server_user([server_programs() / "pg_ctl", "start", "--pgdata", data, "--log", log, "--wait",
                             f"--timeout={timeout}"], cwd=folder, timeout=timeout + 30)
    except PostgresFailed as failure:
        server_log = log.read_text(encoding="utf-8", errors="replace")[-4000:] if log.exists() else ""
        raise PostgresFailed(f"{failure}\nThe server's log:\n{server_log}") from None


def _stop(data):
    """Stop the server: "fast" ends the sessions and shuts down cleanly; "immediate" if that fails."""
    pg_ctl = server_programs() / "pg_ctl"
    try:
        _run_as_server_user([pg_ctl, "stop", "--pgdata", data, "--mode=fast", "--wait"], cwd=data.parent,
                            timeout=60)
    except (PostgresFailed, subprocess.TimeoutExpired):
        with contextlib.suppress(PostgresFailed, subprocess.TimeoutExpired):
            _run_as_server_user([pg_ctl, "stop", "--pgdata", data, "--mode=immediate", "--wait"],
                                cwd=data.parent, timeout=60)


def _run_as_server_user(command, *, cwd, timeout):
    """Run a server program as this user, or, as root, as ``SERVER_USER`` (see its comment)."""
    words = [str(word) for word in command]
    if is_root():
        if shutil.which("runuser"):
            words = ["runuser", "-u", SERVER_USER, "--", *words]
        else:
            words = ["su", SERVER_USER, "-s", "/bin/sh", "-c", shlex.join(words)]
    return _run(words, cwd=cwd, timeout=timeout)


def _run(command, *, timeout, cwd=None):
    words = [str(word) for word in command]
    done = subprocess.run(words, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise PostgresFailed(f"`{shlex.join(words)}` failed with code {done.returncode}:\n"
                                  f"{done.stdout}{done.stderr}")
    return done


def _quoted(value):
    """A postgresql.conf value: in single quotes, with any quote inside doubled."""
    return "'" + str(value).replace("'", "''") + "'"


def _version(folder):
    """(17,) for .../postgresql@17/bin, (15,) for /usr/lib/postgresql/15/bin: to try the newest first."""
    return tuple(int(number) for number in re.findall(r"\d+", str(folder)))


def _server_user():
    import pwd  # posix only: asked only as root (_is_root), which Windows has not

    return pwd.getpwnam(SERVER_USER)


def _server_user_exists():
    try:
        _server_user()
    except KeyError:
        return False
    return True
