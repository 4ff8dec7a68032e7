"""Every exercise check passes on its worked solution and fails on the untouched starter.

A check that cannot fail teaches nothing, so each check is run both ways, in a fresh pytest
process, exactly as a student would run it (``make check EXERCISE=...``).
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor

import pytest

from penguin_model.data import REPO_ROOT

EXERCISES = REPO_ROOT / "exercises"
TOPICS = sorted(path.parent.name for path in EXERCISES.glob("[0-9][0-9]_*/test_exercise.py"))


def run_checks(topic, folder, *, solutions):
    """Run one exercise's checks; return ``{check name: outcome}`` from pytest's JUnit report."""
    report = folder / f"{topic}-{'solution' if solutions else 'starter'}.xml"
    environment = os.environ | {"EXERCISE_SOLUTIONS": "1" if solutions else "0"}
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
    runs = [(topic, solutions) for topic in TOPICS for solutions in (True, False)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda run: run_checks(run[0], folder, solutions=run[1]), runs)
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
    assert set(outcomes.values()) == {"failed"}, outcomes
