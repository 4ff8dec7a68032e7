"""The course's throwaway PostgreSQL server: found, started, locked with a password, always stopped."""

import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from course_helpers import postgres
from course_helpers.system_programs import install_command


def data_directory(url):
    with psycopg.connect(url) as connection:
        return Path(connection.execute("SELECT current_setting('data_directory')").fetchone()[0])


def test_the_server_answers_on_loopback_with_its_password_only(postgres_url):
    """The URL reaches the database on 127.0.0.1; the same URL with another password is refused."""
    with psycopg.connect(postgres_url) as connection:
        where = connection.execute("SELECT current_database(), host(inet_server_addr())").fetchone()
    assert where == (postgres.DATABASE, "127.0.0.1")
    user, _, rest = postgres_url.removeprefix("postgresql://").partition(":")
    wrong = f"postgresql://{user}:not-the-password@{rest.partition('@')[2]}"
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong)


def test_the_server_does_not_run_as_root(postgres_url):
    """PostgreSQL refuses root: as root (CI) the course runs it as the `postgres` user, who owns its files."""
    assert data_directory(postgres_url).stat().st_uid != 0


def test_the_server_is_stopped_and_its_folder_deleted_even_when_the_block_fails():
    """After the block, nothing answers at the URL and the temporary folder is gone."""
    with pytest.raises(ZeroDivisionError), postgres.temporary_server("scratch") as url:
        folder = data_directory(url).parent
        1 / 0  # noqa: B018 - the block fails
    assert not folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=5)


def test_a_server_that_cannot_start_says_why_and_leaves_no_folder(monkeypatch):
    """A setting the server refuses: the error quotes the server's log, and the folder is deleted."""
    folders, make_folder = [], tempfile.mkdtemp

    def recorded(**options):
        folders.append(make_folder(**options))
        return folders[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", recorded)
    refused = 'invalid value for parameter "max_connections"'
    with pytest.raises(postgres.PostgresFailed, match=refused), \
            postgres.temporary_server(settings={"max_connections": "many"}):
        pass
    assert len(folders) == 1 and not Path(folders[0]).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="on Windows the reason is that Windows is not supported")
def test_without_postgresql_the_reason_says_what_to_install(monkeypatch):
    """No programs anywhere: a sentence naming the packages, and temporary_server refuses with it."""
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(postgres, "FOLDER_PATTERNS", ("/no/such/folder/*/bin",))
    assert postgres.unavailable_reason() == postgres.NOT_INSTALLED
    assert f"`{install_command('postgresql')}`" in postgres.NOT_INSTALLED  # this machine's command
    with pytest.raises(postgres.PostgresUnavailable, match="initdb"), postgres.temporary_server():
        pass


def test_the_programs_on_the_path_come_first_then_the_newest_version(monkeypatch, tmp_path):
    """PATH wins; otherwise the highest version of a versioned folder (Debian's 16 before its 9)."""
    def install(folder):
        folder.mkdir(parents=True)
        for name in postgres.PROGRAMS:
            (folder / name).touch(mode=0o755)
        return folder

    nine, sixteen = install(tmp_path / "lib/9/bin"), install(tmp_path / "lib/16/bin")
    install(tmp_path / "lib/12/bin").joinpath("createdb").unlink()  # incomplete: never chosen
    monkeypatch.setattr(postgres, "FOLDER_PATTERNS", (f"{tmp_path}/lib/*/bin",))
    monkeypatch.setenv("PATH", "")
    assert postgres.server_programs() == sixteen
    monkeypatch.setenv("PATH", str(nine))
    assert postgres.server_programs() == nine
