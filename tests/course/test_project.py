"""The set-up a student relies on: pinned requirements, environment.yml, and `make lab`."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import requests
import yaml

from course_helpers.environment import SUPPORTED_PYTHON
from course_helpers.processes import free_port, running_server, server_output
from penguin_model.data import REPO_ROOT
from tests.support.make_targets import TRAINED_MODEL
from tests.support.needs import posix_only

PIN = re.compile(r"^[A-Za-z0-9_.\-\[\]]+==[0-9][^\s;#]*(;[^#]+)?\s+#\s*\S")


def requirement_lines(name):
    lines = (REPO_ROOT / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name", ["requirements-runtime.txt", "requirements.txt", "requirements-dev.txt",
                                  "docs/book/requirements.txt"])
def test_every_requirement_is_pinned_exactly_and_says_where_it_is_used(name):
    for line in requirement_lines(name):
        if line.startswith(("-e .", "-r requirements.txt", "-r requirements-runtime.txt")):
            continue
        assert PIN.match(line), f"{name}: {line!r} should be 'package==version  # where it is used'"


def test_django_stays_on_the_lts_line():
    lines = requirement_lines("requirements-runtime.txt")
    (django,) = [line for line in lines if line.startswith("django==")]
    assert django.startswith("django==5.2."), "pin django>=5.2,<5.3 (unpinned, Python 3.12 picks 6.x)"


def test_environment_yml_installs_exactly_requirements_txt():
    environment = yaml.safe_load((REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))
    dependencies = environment["dependencies"]
    (pip_section,) = [item for item in dependencies if isinstance(item, dict)]
    assert pip_section == {"pip": ["-r requirements.txt"]}, "one source of truth for the pins"
    conda_packages = [item for item in dependencies if isinstance(item, str)]
    assert "pip" in conda_packages
    (python,) = [item for item in conda_packages if item.startswith("python")]
    assert python in {"python=3.11", "python=3.12", "python=3.13"}
    assert environment["channels"] == ["conda-forge"]


def test_environment_yml_comments_every_dependency():
    lines = (REPO_ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    for line in (line for line in lines if line.strip().startswith("- ")):
        assert "#" in line, f"environment.yml: {line.strip()!r} needs a comment saying where it is used"


def test_make_model_is_up_to_date_once_training_has_switched_the_pointer():
    """The Makefile's MODEL is the file training rewrites last, the one the tests hand to `make -o`."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^MODEL := (.+)$", makefile, re.MULTILINE).group(1) == TRAINED_MODEL


def test_models_folder_is_generated_not_committed():
    listing = subprocess.run(["git", "ls-files", "models"], cwd=REPO_ROOT, capture_output=True, text=True)
    tracked = listing.stdout
    assert tracked.split() == ["models/README.md"]


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (REPO_ROOT / ".venv").resolve(),
    reason="make lab runs the course's .venv, and this test session runs another Python",
)
@posix_only("make")
def test_make_lab_serves_the_course(tmp_path):
    """`make lab` starts JupyterLab on the repository, with the notebooks in reach."""
    port, token = free_port(), "course-test-token"
    root_flag = " --allow-root" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""  # CI runs as root
    arguments = f"LAB_ARGS=--no-browser --IdentityProvider.token={token}{root_flag}"
    command = ["make", "--no-print-directory", "lab", f"LAB_PORT={port}", arguments]
    url = f"http://127.0.0.1:{port}"
    with running_server(command, f"{url}/api/status?token={token}", cwd=REPO_ROOT, timeout=120) as server:
        listing = requests.get(f"{url}/api/contents/notebooks?token={token}", timeout=10).json()
        assert "00_introduction.ipynb" in {item["name"] for item in listing["content"]}
        assert requests.get(f"{url}/lab?token={token}", timeout=10).status_code == 200
        # With no browser opened, the student copies the printed address: it must open chapter 00.
        assert f"{url}/lab/tree/notebooks/00_introduction.ipynb?token=" in server_output(server)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root meets this refusal")
@posix_only("make")
def test_make_lab_as_root_says_what_to_do_before_installing_anything():
    """The refusal comes first, not after minutes of installing: -W makes the install look due, as on a
    fresh clone, and nothing of it may run."""
    finished = subprocess.run(["make", "--no-print-directory", "-W", "requirements.txt", "lab",
                               "LAB_ARGS=--no-browser"], cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=600)
    output = finished.stdout + finished.stderr
    assert finished.returncode == 2, output
    assert "make lab LAB_ARGS=--allow-root" in finished.stdout
    assert "pip install" not in output and "venv" not in output, output


def test_ci_runs_every_python_version_the_course_promises():
    """The README, the Makefile and pyproject promise 3.11-3.13 (SUPPORTED_PYTHON); CI must test each one."""
    (low_major, low), (high_major, high) = SUPPORTED_PYTHON
    promised = [f"{low_major}.{minor}" for minor in range(low, high + 1)]
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert workflow["jobs"]["test"]["strategy"]["matrix"]["python-version"] == promised
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == f">={promised[0]},<{high_major}.{high + 1}"
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {', '.join(promised[:-1])} or {promised[-1]}" in readme


BINDER = REPO_ROOT / "binder"
README = REPO_ROOT / "README.md"


def test_binder_installs_the_one_list_of_pins():
    """Binder builds from binder/ (and then ignores the top-level files): it must install requirements.txt."""
    assert requirement_lines("binder/requirements.txt") == ["-r ../requirements.txt"]


def test_binder_runs_a_python_the_course_supports():
    name, _, version = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip().partition("-")
    low, high = SUPPORTED_PYTHON
    assert name == "python" and low <= tuple(int(part) for part in version.split(".")) <= high


def test_binder_trains_the_model_so_the_chapters_run_there():
    """postBuild is committed as an executable script that trains the model, and stops on any error."""
    listing = subprocess.run(["git", "ls-files", "--stage", "binder/postBuild"], cwd=REPO_ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert listing.startswith("100755 "), "binder/postBuild must be committed executable (git add --chmod=+x)"
    lines = (BINDER / "postBuild").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert lines[0] == "#!/bin/bash"
    assert commands == ["set -euo pipefail", "python -m penguin_model.train"]


def test_the_readme_says_how_to_launch_a_copy_on_binder_instead_of_a_dead_badge():
    """No one can know a fork's GitHub path in advance: the README shows the launch address to fill in, and
    that address opens a chapter that exists."""
    readme = README.read_text(encoding="utf-8")
    assert "](https://mybinder.org/v2/" not in readme, "a Binder link or badge needs a real repository path"
    address = r"https://mybinder\.org/v2/gh/<you>/<repository>/<branch>\?urlpath=lab/tree/(\S+)"
    launch = re.search(address, readme)
    assert launch, "the README must give the launch address to fill in"
    assert (REPO_ROOT / launch[1]).is_file(), launch[1]
    assert "[its README](binder/README.md)" in readme


def test_the_readmes_course_table_names_each_chapters_exercises():
    """Every chapter's row lists its exercise folders, and each one named exists (chapter 00's too)."""
    row = r"^\| \[(\d\d) [^]]+\]\(notebooks/[^)]+\) \|[^|]+\| (.+) \|$"
    rows = re.findall(row, README.read_text(encoding="utf-8"), re.MULTILINE)
    assert [chapter for chapter, _ in rows] == [f"{number:02d}" for number in range(8)]
    for chapter, exercises in rows:
        named = re.findall(r"`exercises/([^`]+)`", exercises)
        assert named, f"chapter {chapter} lists no exercises"
        for folder in named:
            matching = list((REPO_ROOT / "exercises").glob(folder))
            assert matching and all(path.name.startswith(chapter) for path in matching), folder


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a console event on Windows, not SIGINT")
def test_programs_started_by_the_tests_feel_ctrl_c_even_when_make_test_runs_in_the_background(tmp_path):
    # `make test &` starts pytest with SIGINT ignored; tests/conftest.py gives its children the default back.
    (tmp_path / "test_child.py").write_text(
        "import signal, subprocess, sys\n"
        "def test_child_feels_sigint():\n"
        "    code = 'import signal; print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)'\n"
        "    assert subprocess.run([sys.executable, '-c', code], capture_output=True, text=True).stdout == "
        "'False\\n'\n", encoding="utf-8")
    ignoring = ("import signal, sys, pytest; signal.signal(signal.SIGINT, signal.SIG_IGN); "
                "sys.exit(pytest.main())")
    settings = ["-p", "tests.conftest", f"--rootdir={REPO_ROOT}", "-c", str(REPO_ROOT / "pyproject.toml")]
    done = subprocess.run([sys.executable, "-c", ignoring, "-q", "-p", "no:cacheprovider", *settings,
                           str(tmp_path / "test_child.py")],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
