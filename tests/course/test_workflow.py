"""The CI workflow runs what the README tells each platform's students to run, and passes its linter.

The Windows job's PowerShell lines are the README's own, in the README's order; the macOS job runs
the README's make targets; zizmor (``requirements-dev.txt``) lints the file, offline.
"""

import subprocess
import sys
from pathlib import Path

import yaml

from penguin_model.data import REPO_ROOT
from tests.support.needs import unavailable
from tests.support.readme_commands import code_blocks, command_and_comment

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "ci.yml"
JOBS = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
README_STEPS = [command_and_comment(line)[0] for line in next(
    block for block in code_blocks("README.md", "powershell") if block[0].startswith("py -3.11 -m venv"))]


def run_lines(job):
    return [command_and_comment(line)[0] for step in JOBS[job]["steps"] if "run" in step
            for line in step["run"].splitlines() if line.strip()]


def test_the_windows_job_runs_the_readmes_powershell_lines_in_order():
    lines = [line for line in run_lines("windows") if not line.startswith("$PSNative")]
    assert all(line in README_STEPS for line in lines), set(lines) - set(README_STEPS)
    assert lines == sorted(lines, key=README_STEPS.index)
    for needed in ("-m venv", "requirements.txt", "requirements-dev.txt", "penguin_model.train",
                   "pytest -n auto", "ruff check"):
        assert any(needed in line for line in lines), needed


def test_the_macos_job_runs_the_readmes_make_targets():
    assert run_lines("macos")[-2:] == ["make setup-dev", "make test"]


def test_windows_and_macos_each_run_one_python_the_course_promises():
    promised = JOBS["test"]["strategy"]["matrix"]["python-version"]
    for job in ("windows", "macos"):
        uses = {step["uses"].split("@")[0]: step for step in JOBS[job]["steps"] if "uses" in step}
        setup = uses["actions/setup-python"]
        assert setup["with"]["python-version"] in promised


def test_zizmor_finds_nothing_in_the_workflow():
    zizmor = Path(sys.executable).parent / ("zizmor.exe" if sys.platform == "win32" else "zizmor")
    if not zizmor.exists():
        unavailable("zizmor is not installed (`make setup-dev` installs it).")
    done = subprocess.run([str(zizmor), "--offline", "--no-progress", str(WORKFLOW)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
