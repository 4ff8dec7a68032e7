"""Every exercise check passes on its worked solution and fails on the starter as shipped.

A check that cannot fail teaches nothing, so each check is run both ways, in a fresh pytest
process, exactly as a student would run it (``make check EXERCISE=...``). "As shipped" is the
starter folder committed in git, not the files in the working tree: a student solves the exercises
in place (``exercise.py``, and in 05_django_migration the migration file that makemigrations writes),
and ``make test`` must stay green when they have.
"""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor

import pytest

from course_helpers.processes import free_port, running_server, server_output
from penguin_model.data import REPO_ROOT

EXERCISES = REPO_ROOT / "exercises"
TOPICS = sorted(path.parent.name for path in EXERCISES.glob("[0-9][0-9]_*/test_exercise.py"))


def shipped_starter(topic, repo_root=REPO_ROOT):
    """``{path inside the folder: text}`` of ``exercises/<topic>/`` as committed, whatever the working copy
    holds: edited files as they were, files the student added (a new migration) left out.

    Without git (a downloaded archive), or for a folder not committed yet, the working copy is all there
    is, and it is taken as shipped.
    """
    folder = f"exercises/{topic}/"
    listed = git_output(["ls-tree", "-r", "--name-only", "HEAD", "--", folder], repo_root)
    if not listed:
        return {str(path.relative_to(repo_root / folder)): path.read_text(encoding="utf-8")
                for path in sorted((repo_root / folder).rglob("*"))
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".sqlite3"}
    return {name.removeprefix(folder): git_output(["show", f"HEAD:{name}"], repo_root)
            for name in listed.splitlines()}


def git_output(arguments, repo_root):
    """What ``git <arguments>`` printed, or ``None`` when git is missing or fails (no repository)."""
    try:
        done = subprocess.run(["git", *arguments], cwd=repo_root, capture_output=True, text=True,
                              encoding="utf-8", timeout=60)
    except FileNotFoundError:  # no git on this machine
        return None
    return done.stdout if done.returncode == 0 else None


def run_checks(topic, folder, *, solutions, starters=None):
    """Run one exercise's checks; return ``{check name: outcome}`` from pytest's JUnit report.

    ``starters`` is the folder of shipped starters the checks read instead of the student's files.
    """
    report = folder / f"{topic}-{'solution' if solutions else 'starter'}.xml"
    environment = os.environ | {"EXERCISE_SOLUTIONS": "1" if solutions else "0"}
    if starters is not None:
        environment["EXERCISE_STARTERS_DIR"] = str(starters)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={report}",
        str(EXERCISES / topic / "test_exercise.py"),
    ]
    subprocess.run(command, env=environment, cwd=EXERCISES.parent, capture_output=True, timeout=600)
    return outcomes_in(report)


def outcomes_in(report):
    """``{check name: "passed" | "failed" | "skipped"}`` from a pytest JUnit report."""
    outcomes = {}
    for case in ElementTree.parse(report).iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        outcomes[case.get("name")] = (
            "skipped" if case.find("skipped") is not None else ("failed" if failed else "passed")
        )
    return outcomes


def test_there_are_exercises_for_the_foundation_chapters():
    assert {"01", "02"} <= {topic[:2] for topic in TOPICS}


@pytest.fixture(scope="module")
def all_outcomes(tmp_path_factory):
    """``{(topic, solutions): outcomes}`` for every exercise, both ways.

    Each run is a fresh Python process that spends most of its time importing; two at a time keep
    both cores of a small machine busy, which roughly halves this module's wall time.
    """
    folder = tmp_path_factory.mktemp("exercise-reports")
    starters = tmp_path_factory.mktemp("shipped-starters")
    for topic in TOPICS:
        for name, text in shipped_starter(topic).items():
            (starters / topic / name).parent.mkdir(parents=True, exist_ok=True)
            (starters / topic / name).write_text(text, encoding="utf-8")
    runs = [(topic, solutions) for topic in TOPICS for solutions in (True, False)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda run: run_checks(run[0], folder, solutions=run[1], starters=starters), runs)
        return dict(zip(runs, results, strict=True))


@pytest.mark.parametrize("topic", TOPICS)
def test_every_check_passes_on_the_solution(topic, all_outcomes):
    outcomes = all_outcomes[topic, True]
    assert outcomes, f"{topic}: no checks were collected"
    assert set(outcomes.values()) == {"passed"}, outcomes


@pytest.mark.parametrize("topic", TOPICS)
def test_every_check_fails_on_the_starter(topic, all_outcomes):
    outcomes = all_outcomes[topic, False]
    # The same checks as on the solution: a starter that breaks collection proves nothing.
    assert set(outcomes) == set(all_outcomes[topic, True]), outcomes
    assert set(outcomes.values()) == {"failed"}, (
        f"{outcomes}: some checks pass on the starter committed at HEAD. If you committed your own "
        "solutions, this test judges them as the starter: run `make test` on the course's own commit.")


def test_starter_checks_read_the_folder_they_are_given(tmp_path):
    # A finished exercise put where the shipped starter is expected passes every check: so the starter
    # runs above judge that folder, never the student's working copy.
    topic = "06_settle_a_claim"
    (tmp_path / topic).mkdir()
    solution = EXERCISES / "solutions" / topic / "exercise.py"
    (tmp_path / topic / "exercise.py").write_text(solution.read_text(encoding="utf-8"), encoding="utf-8")
    outcomes = run_checks(topic, tmp_path, solutions=False, starters=tmp_path)
    assert outcomes and set(outcomes.values()) == {"passed"}, outcomes


def test_the_shipped_starter_is_the_committed_one_not_the_edited_one(tmp_path):
    exercise = tmp_path / "exercises" / "01_topic" / "exercise.py"
    migrations = exercise.parent / "app" / "migrations"
    migrations.mkdir(parents=True)
    exercise.write_text("answer = None  # TODO\n", encoding="utf-8")
    (migrations / "0001_initial.py").write_text("# the first migration\n", encoding="utf-8")
    git = ["git", "-c", "user.name=course", "-c", "user.email=course@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "starter"], cwd=tmp_path, check=True)
    exercise.write_text("answer = 42  # the student's work\n", encoding="utf-8")
    (migrations / "0002_student.py").write_text("# the student's makemigrations wrote it\n", encoding="utf-8")
    assert shipped_starter("01_topic", repo_root=tmp_path) == {
        "exercise.py": "answer = None  # TODO\n", "app/migrations/0001_initial.py": "# the first migration\n"}
    assert exercise.read_text(encoding="utf-8") == "answer = 42  # the student's work\n", "left as it was"


# A Streamlit exercise is a page the student opens with `streamlit run`, as its README says.
STREAMLIT_EXERCISES = [
    topic for topic in TOPICS
    if "import streamlit" in (EXERCISES / topic / "exercise.py").read_text(encoding="utf-8")
]


@pytest.mark.parametrize("topic", STREAMLIT_EXERCISES)
def test_a_streamlit_exercise_serves_on_this_computer_only_and_quietly(topic):
    # The README's command, with a free port so the test does not collide with a student's server; the
    # settings file beside the script (.streamlit/config.toml) makes it quiet and local.
    port = free_port()
    script = f"exercises/{topic}/exercise.py"
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    with running_server(command, f"http://127.0.0.1:{port}/_stcore/health", cwd=REPO_ROOT) as process:
        output = server_output(process)
    assert f"URL: http://127.0.0.1:{port}" in output, output
    for noise in ("Network URL", "External URL", "Collecting usage statistics", "Email", "streamlit skills"):
        assert noise not in output, f"{noise!r} in what `streamlit run` printed:\n{output}"


def run_in_place(topic, exercises):
    """Copy one exercise into ``exercises``, its solution copied over its starter as a student might; run
    its checks there with nothing pointing elsewhere; return ``{check name: outcome}``."""
    folder = exercises / topic
    shutil.copytree(EXERCISES / topic, folder)
    shutil.copytree(EXERCISES / "solutions" / topic, folder, dirs_exist_ok=True)
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"EXERCISE_SOLUTIONS", "EXERCISE_STARTERS_DIR"}}
    report = exercises / f"{topic}.xml"
    # The course's pytest settings (the apps on the path, warnings as errors), as `make check` has them.
    settings = ["-c", str(REPO_ROOT / "pyproject.toml"), f"--rootdir={REPO_ROOT}"]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *settings,
               f"--junitxml={report}", str(folder / "test_exercise.py")]
    subprocess.run(command, env=environment, cwd=REPO_ROOT, capture_output=True, timeout=600)
    return outcomes_in(report)


def test_every_solution_passes_when_copied_over_its_starter(tmp_path):
    """A student who copies a worked solution over the starter, to compare, gets a pass: a solution must
    not depend on sitting in solutions/ (for example by finding a data file from its own path)."""
    exercises = tmp_path / "exercises"  # named as in the repository, which a solution may rely on
    exercises.mkdir()
    shutil.copy(EXERCISES / "conftest.py", exercises / "conftest.py")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda topic: run_in_place(topic, exercises), TOPICS)
        outcomes = dict(zip(TOPICS, results, strict=True))
    not_passing = {topic: result for topic, result in outcomes.items()
                   if not result or set(result.values()) != {"passed"}}
    assert not not_passing, not_passing
