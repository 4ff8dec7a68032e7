"""Every exercise check passes on its worked solution and fails on the untouched starter.

A check that cannot fail teaches nothing, so each check is run both ways, in a fresh pytest
process, exactly as a student would run it (``make check EXERCISE=...``).
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
TOPICS = sorted(path.parent.name for path in EXERCISES.glob("[0-9][0-9]_*/test_exercise.py"))


def run_checks(topic, tmp_path, *, solutions):
    """Run one exercise's checks; return ``{check name: outcome}`` from pytest's JUnit report."""
    report = tmp_path / "report.xml"
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


@pytest.mark.parametrize("topic", TOPICS)
def test_every_check_passes_on_the_solution(topic, tmp_path):
    outcomes = run_checks(topic, tmp_path, solutions=True)
    assert outcomes, f"{topic}: no checks were collected"
    assert set(outcomes.values()) == {"passed"}, outcomes


@pytest.mark.parametrize("topic", TOPICS)
def test_every_check_fails_on_the_starter(topic, tmp_path):
    outcomes = run_checks(topic, tmp_path, solutions=False)
    assert outcomes, f"{topic}: no checks were collected"
    assert set(outcomes.values()) == {"failed"}, outcomes
