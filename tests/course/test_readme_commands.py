"""The README's Windows steps and the apps' waitress commands are the ones tested: read from the files, run.

Lines that make a virtual environment or install packages are compared with the Makefile's (running
them would reinstall everything); ``pytest -n auto`` is compared with `make test`'s (it would run this
suite inside itself); the others run for real, a server until it answers ``/api/health``.
"""

import os
import re
import subprocess

import pytest

from course_helpers.processes import free_port, running_server, server_output
from course_helpers.servers import served_by
from course_helpers.wsgi_servers import WSGI_SERVER_VARIABLE
from penguin_model import load_model
from penguin_model.data import REPO_ROOT
from tests.support.readme_commands import PowerShellBlock, as_run_here, code_blocks, command_and_comment

WINDOWS_STEPS = [command_and_comment(line)[0] for line in next(
    block for block in code_blocks("README.md", "powershell") if block[0].startswith("py -3.11 -m venv"))]
MAKEFILE = (REPO_ROOT / "Makefile").read_text(encoding="utf-8").replace("--quiet ", "")
LIKE_THE_MAKEFILES = r"-m venv|pip install|penguin_model.train|check_setup|pytest -n|ruff|demo"
LINES_LIKE_THE_MAKEFILES = [step for step in WINDOWS_STEPS if re.search(LIKE_THE_MAKEFILES, step)]


def step(pattern):
    """The one Windows step that matches ``pattern``."""
    (found,) = [line for line in WINDOWS_STEPS if re.search(pattern, line)]
    return found


def in_makefile_words(command):
    """A README command in the Makefile's words: ``$(PY)`` for the venv's python, ``$(BIN)/`` its folder."""
    command = command.replace("py -3.11 ", "$(PYTHON) ").replace(".venv\\Scripts\\python ", "$(PY) ")
    # the web site's environment and its requirements, by the Makefile's names
    command = command.replace(".venv-book\\Scripts\\python ", "$(BOOK_PY) ")
    command = command.replace(" .venv-book", " $(BOOK_VENV)")
    command = command.replace("docs\\book\\requirements.txt", "$(BOOK_REQUIREMENTS)")
    return command.replace(".venv\\Scripts\\", "$(BIN)/").replace(" .venv", " $(VENV)").replace("\\", "/")


@pytest.mark.parametrize("command", LINES_LIKE_THE_MAKEFILES)
def test_a_windows_step_is_the_makefiles_command(command):
    assert in_makefile_words(command) in MAKEFILE, f"{command!r} is not what the Makefile runs"


def test_the_book_step_is_make_books_command_into_its_folder():
    folder = re.search(r"^BOOK := (\S+)$", MAKEFILE, re.MULTILINE)[1]
    command = in_makefile_words(step(r"book\\build\.py"))
    assert command.replace(f" {folder}", " $(BOOK)") in MAKEFILE, command


def test_the_windows_steps_cover_setup_model_lab_test_check_serve_and_demo():
    targets = ("setup", "setup-dev", "model", "check-setup", "lab", "test", "check", "serve-flask", "demo")
    for target in targets:
        assert any(f"# make {target}" in line for line in (REPO_ROOT / "README.md").read_text().splitlines()
                   if ".venv\\Scripts\\" in line), target


def test_the_lab_step_opens_the_chapter_make_lab_opens():
    chapter = as_run_here(step("jupyter lab"))[-1]
    assert f"FIRST_CHAPTER := {chapter}" in MAKEFILE
    assert (REPO_ROOT / chapter).is_file()


def test_the_model_step_trains_and_saves_a_model(tmp_path):
    # PENGUIN_MODEL_DIR: the model goes to a scratch folder, never to the student's models/.
    done = run_step(step("penguin_model.train"), {"PENGUIN_MODEL_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stdout
    assert load_model(tmp_path).version


def test_the_setup_check_step_serves_each_app_and_says_ready(model_dir):
    done = run_step(step("check_setup"), {"PENGUIN_MODEL_DIR": str(model_dir)})
    assert done.returncode == 0, done.stdout + done.stderr
    for app in ("Flask", "Streamlit", "Django"):
        assert re.search(rf"^ok  {app} .* predicts Gentoo$", done.stdout, re.MULTILINE), done.stdout
    assert "Ready (" in done.stdout


def test_the_setup_check_says_what_is_missing_and_fails(tmp_path):
    done = run_step(step("check_setup"), {"PENGUIN_MODEL_DIR": str(tmp_path / "none")})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Not ready (" in done.stdout and "No trained model was found" in done.stdout, done.stdout


def test_the_lint_step_finds_nothing():
    done = run_step(step("ruff check"))
    assert done.returncode == 0, done.stdout


def test_the_check_step_runs_the_exercises_checks():
    """It runs them; whether they pass depends on the student's answers (they fail on the starter)."""
    done = run_step(step(r"pytest exercises"))
    assert done.returncode in (0, 1), done.stdout
    assert re.search(r"\d+ (passed|failed)", done.stdout), done.stdout


def test_the_serve_step_starts_the_app_under_waitress_as_on_windows(model_dir):
    port = free_port()
    words = [str(port) if word == "8100" else word for word in as_run_here(step("course_helpers.serve"))]
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir), WSGI_SERVER_VARIABLE: "waitress"}
    health = f"http://127.0.0.1:{port}/api/health"
    with running_server(words, health, env=environment, cwd=REPO_ROOT) as server:
        assert "Flask under waitress (" in server_output(server)


def test_the_flask_readmes_waitress_command_serves_the_app(model_dir):
    (row,) = [line for line in (REPO_ROOT / "apps/flask_demo/README.md").read_text().splitlines()
              if line.startswith("| plain waitress")]
    folder, command = re.search(r"`cd (\w+)` then `([^`]+)`", row).groups()
    port = free_port()
    words = [str(port) if word == "8100" else word for word in as_run_here(command)]
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    with running_server(words, f"http://127.0.0.1:{port}/api/health", env=environment,
                        cwd=REPO_ROOT / folder) as server:
        assert "Serving on" in server_output(server)


def test_the_django_readmes_powershell_block_serves_the_app(model_dir, tmp_path):
    """Activate, cd, the two variables, migrate, waitress-serve: each line as the README gives it."""
    (block,) = code_blocks("apps/django_demo/README.md", "powershell")
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    shell = PowerShellBlock(inherited | {"PENGUIN_MODEL_DIR": str(model_dir),
                                         "DJANGO_DB_PATH": str(tmp_path / "history.sqlite3")})
    port = free_port()
    words = [word.replace(":8200", f":{port}") for word in shell.prepare(block)]
    assert len(shell.environment["DJANGO_SECRET_KEY"]) >= 50 and shell.environment["DJANGO_DEBUG"] == "0"
    with running_server(words, f"http://127.0.0.1:{port}/api/health", env=shell.environment, cwd=shell.cwd):
        pass
    assert served_by("django", wsgi_server="waitress").startswith("Django under waitress")


def run_step(command, environment=None):
    return subprocess.run(as_run_here(command), cwd=REPO_ROOT, env=os.environ | (environment or {}),
                          capture_output=True, text=True, timeout=600)
