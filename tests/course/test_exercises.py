"""Every exercise check passes on its worked solution, fails on the starter as shipped, and catches each
known wrong answer for the reason it gives.

A check that cannot fail teaches nothing, so each check is run every way, all in one pytest process over
copies of the exercise folders, each copy in a temporary folder named ``exercises`` as in the
repository: the starter as committed in git (not the working copy: a student solves the exercises in
place, and ``make test`` must stay green when they have), with the worked solution copied over it, or
a wrong answer (``wrong_answers/<topic>/*.py``) in place of its ``exercise.py``. The checks themselves
are the working copy's, so a check being written is what is tested.
"""

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from course_helpers.processes import free_port, running_server, server_output
from penguin_model.data import REPO_ROOT
from tests.support.needs import ON_WINDOWS

EXERCISES = REPO_ROOT / "exercises"
TOPICS = sorted(path.parent.name for path in EXERCISES.glob("[0-9][0-9]_*/test_exercise.py"))
WRONG_ANSWERS = Path(__file__).parent / "wrong_answers"
WRONG_ANSWER_FILES = sorted(WRONG_ANSWERS.glob("*/*.py"))
# The files of an exercise folder that are the course's, not the student's: taken from the working copy.
CHECK_FILES = ("test_exercise.py",)


def shipped_starter(topic, repo_root=REPO_ROOT):
    """``{path inside the folder: text}`` of ``exercises/<topic>/`` as committed, whatever the working copy
    holds: edited files as they were, files the student added (a new migration) left out.

    Without git (a downloaded archive), or for a folder not committed yet, the working copy is all there
    is, and it is taken as shipped.
    """
    folder = f"exercises/{topic}/"
    listed = git_output(["ls-tree", "-r", "--name-only", "HEAD", "--", folder], repo_root)
    if not listed:
        return {path.relative_to(repo_root / folder).as_posix(): path.read_text(encoding="utf-8")
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


def copy_exercise(topic, exercises, *, solved=False, wrong_answer=None):
    """Write ``exercises/<topic>/`` as shipped, then the solution over it (``solved``) or a wrong answer
    in place of its ``exercise.py``; the checks are always the working copy's."""
    folder = exercises / topic
    for name, text in shipped_starter(topic).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    if solved or wrong_answer:
        shutil.copytree(EXERCISES / "solutions" / topic, folder, dirs_exist_ok=True)
    if wrong_answer:
        shutil.copy(wrong_answer, folder / "exercise.py")
    for name in CHECK_FILES:
        shutil.copy(EXERCISES / topic / name, folder / name)


def new_exercises_folder(root):
    """An empty folder named ``exercises`` (a solution may look for it), with the course's conftest."""
    exercises = root / "exercises"
    exercises.mkdir(parents=True)
    shutil.copy(EXERCISES / "conftest.py", exercises / "conftest.py")
    return exercises


def run_checks(check_files, report):
    """Run the checks of ``check_files`` in one pytest process, as `make check` does (the course's pytest
    settings: the apps on the path, warnings as errors); return pytest's JUnit report of them.

    ``--import-mode=importlib`` lets the many files named ``test_exercise.py`` live in one session.
    """
    settings = ["-c", str(REPO_ROOT / "pyproject.toml"), f"--rootdir={REPO_ROOT}"]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *settings,
               "--import-mode=importlib", "-o", "junit_family=xunit1",
               f"--junitxml={report}", *map(str, check_files)]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)
    if not report.exists():
        pytest.fail(f"pytest wrote no report:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return ElementTree.parse(report)


def outcomes_by_folder(report):
    """``{exercise folder: {check name: (outcome, message)}}``; outcome is passed, failed or skipped."""
    outcomes = {}
    for case in report.iter("testcase"):
        problem = case.find("failure") if case.find("failure") is not None else case.find("error")
        outcome = "passed" if problem is None else "failed"
        if case.find("skipped") is not None:
            outcome, problem = "skipped", case.find("skipped")
        message = "" if problem is None else f"{problem.get('message', '')}\n{problem.text or ''}"
        folder = (REPO_ROOT / case.get("file")).resolve().parent
        outcomes.setdefault(folder, {})[case.get("name")] = (outcome, message)
    return outcomes


def check_every_way(root):
    """Run the checks of every exercise as shipped, solved, and with each wrong answer, in one pytest
    process: one start-up (plugins, pandas, scikit-learn, Django) instead of one per way.

    Returns ``{way: {topic or wrong answer file: {check: (outcome, message)}}}`` for the ways
    ``"shipped"``, ``"solved"`` and ``"wrong"``.
    """
    folders = {}  # exercise folder -> (way, key)
    for way in ("shipped", "solved"):
        exercises = new_exercises_folder(root / way)
        for topic in TOPICS:
            copy_exercise(topic, exercises, solved=way == "solved")
            folders[(exercises / topic).resolve()] = (way, topic)
    for path in WRONG_ANSWER_FILES:
        exercises = new_exercises_folder(root / "wrong" / f"{path.parent.name}-{path.stem}")
        copy_exercise(path.parent.name, exercises, wrong_answer=path)
        folders[(exercises / path.parent.name).resolve()] = ("wrong", path)
    report = run_checks([folder / "test_exercise.py" for folder in folders], root / "report.xml")
    outcomes = outcomes_by_folder(report)
    every_way = {"shipped": {}, "solved": {}, "wrong": {}}
    for folder, (way, key) in folders.items():
        every_way[way][key] = outcomes.get(folder, {})
    return every_way


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    return check_every_way(tmp_path_factory.mktemp("checked"))


@pytest.fixture(scope="module")
def solved(checked):
    """Every worked solution copied over its starter."""
    return checked["solved"]


@pytest.fixture(scope="module")
def shipped(checked):
    """Every starter as committed."""
    return checked["shipped"]


def test_there_are_exercises_for_every_chapter():
    assert {f"{chapter:02d}" for chapter in range(8)} <= {topic[:2] for topic in TOPICS}


@pytest.mark.parametrize("topic", TOPICS)
def test_every_check_passes_on_the_solution(topic, solved):
    outcomes = solved.get(topic)
    assert outcomes, f"{topic}: no checks were collected"
    skip_where_the_exercise_cannot_run(topic, outcomes)
    failed = {name: message for name, (outcome, message) in outcomes.items() if outcome != "passed"}
    assert not failed, failed


@pytest.mark.parametrize("topic", TOPICS)
def test_every_check_fails_on_the_starter(topic, solved, shipped):
    outcomes = shipped.get(topic, {})
    skip_where_the_exercise_cannot_run(topic, outcomes)
    # The same checks as on the solution: a starter that breaks collection proves nothing.
    assert set(outcomes) == set(solved[topic]), outcomes
    passing = sorted(name for name, (outcome, _) in outcomes.items() if outcome != "failed")
    assert not passing, f"{topic}: these checks do not fail on the starter committed at HEAD: {passing}"


def skip_where_the_exercise_cannot_run(topic, outcomes):
    """Skip on Windows when every check of ``topic`` skipped itself there (03_worker_counts needs gunicorn's
    worker processes); anywhere else a skipped check proves nothing, and the assertions that follow fail."""
    if ON_WINDOWS and outcomes and {outcome for outcome, _ in outcomes.values()} == {"skipped"}:
        pytest.skip(f"{topic}: {next(iter(outcomes.values()))[1].strip()}")


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


def test_the_shipped_exercises_pass_lint():
    # `make test`'s ruff leaves the exercise folders out, because students write there: an unused import
    # left by an honest fix must not turn it red. So the folders are linted here, as the course ships them.
    problems = []
    for topic in TOPICS:
        for name, text in shipped_starter(topic).items():
            if name in CHECK_FILES:  # the checks as they are now
                text = (EXERCISES / topic / name).read_text(encoding="utf-8")
            if name.endswith(".py"):
                problems += lint_problems(f"exercises/{topic}/{name}", text)
    assert not problems, "\n".join(problems)


def lint_problems(path, text):
    """What ruff finds in ``text``, linted as the file ``path`` of the repository (its per-file rules)."""
    command = [sys.executable, "-m", "ruff", "check", "--no-cache", "--stdin-filename", path, "-"]
    done = subprocess.run(command, input=text, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    return [done.stdout + done.stderr] if done.returncode else []


# --- wrong answers: each names the check that must catch it, and words of that check's message ---

def wrong_answer_claim(path):
    """``(check name, words its message must hold)`` from the ``CAUGHT_BY`` of a wrong answer's file."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets] == ["CAUGHT_BY"]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path} does not say which check catches it (CAUGHT_BY = (check, words))")


@pytest.fixture(scope="module")
def wrong_answer_outcomes(checked):
    """``{wrong answer file: {check: (outcome, message)}}``."""
    return checked["wrong"]


def test_every_wrong_answer_is_for_an_exercise():
    assert {path.parent.name for path in WRONG_ANSWER_FILES} <= set(TOPICS)


@pytest.mark.parametrize("path", WRONG_ANSWER_FILES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_wrong_answer_fails_the_check_meant_to_catch_it(path, wrong_answer_outcomes):
    check, words = wrong_answer_claim(path)
    outcomes = wrong_answer_outcomes[path]
    assert check in outcomes, f"{path.name}: no check named {check}; the checks are {sorted(outcomes)}"
    outcome, message = outcomes[check]
    assert outcome == "failed", f"{path.name} passes {check}: the check does not catch this wrong answer"
    assert words in message, f"{check} failed on {path.name}, but not for its stated reason:\n{message}"


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
