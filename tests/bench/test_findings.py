"""The chapters' speed findings come from stored runs by the rule (bench.summary), never from a median."""

import pandas as pd
import pytest

from bench.cpu import CPU_PER_REQUEST
from bench.results import FULL, QUICK
from bench.serving import BASELINE
from bench.summary import MIN_RUNS, faster_finding, same_finding, slightly_finding, stored_mode
from course_helpers.verdicts import FALSE, TRUE, UNCHECKED


def store(folder, rates, runs=MIN_RUNS, mode=FULL):
    """Write serving.csv and runs.csv as ``python -m bench`` would: ``rates`` maps a server to its
    requests/s in each round (the same in every run), at 1 and 8 connections."""
    rows, lines = [], []
    for run in range(runs):
        run_id = f"2027-01-0{run + 1}T00:00:00.000Z"
        lines.append({"run": run_id, "benchmark": "serving", "path": "fast", "mode": mode})
        for connections in (1, 8):
            for server, per_round in {BASELINE: [1000, 1000], **rates}.items():
                rows += [{"run": run_id, "path": "fast", "server": server, "connections": connections,
                          "round": number, "requests/s": rate, CPU_PER_REQUEST: 1.0}
                         for number, rate in enumerate(per_round)]
    pd.DataFrame(rows).to_csv(folder / "serving.csv", index=False)
    pd.DataFrame(lines).to_csv(folder / "runs.csv", index=False)
    return folder


@pytest.mark.parametrize(("flask", "django", "faster", "same", "slightly"), [
    ([900, 950], [700, 750], TRUE, FALSE, TRUE),  # apart, about 1.3 times
    ([900, 950], [100, 120], TRUE, FALSE, FALSE),  # apart, about 8 times: not "slightly"
    ([900, 700], [800, 750], FALSE, TRUE, TRUE),  # overlapping: not faster, the same
    ([600, 650], [900, 950], FALSE, FALSE, TRUE),  # apart the other way: not faster, so not by much
], ids=["slightly-faster", "far-faster", "overlapping", "slower"])
def test_the_findings_follow_the_rule(tmp_path, flask, django, faster, same, slightly):
    folder = store(tmp_path, {"Flask": flask, "Django": django})
    assert faster_finding("Flask", "Django", folder=folder) == faster
    assert same_finding("Flask", "Django", folder=folder) == same
    assert slightly_finding("Flask", "Django", folder=folder) == slightly


def test_with_too_few_runs_or_none_nothing_is_found(tmp_path):
    folder = store(tmp_path, {"Flask": [900, 950], "Django": [100, 120]}, runs=MIN_RUNS - 1)
    assert faster_finding("Flask", "Django", folder=folder) == UNCHECKED
    assert same_finding("Flask", "Django", folder=folder) == UNCHECKED
    assert faster_finding("Flask", "Streamlit", folder=folder) == UNCHECKED


def test_the_chapters_read_full_runs_when_stored_else_quick_ones(tmp_path):
    assert stored_mode(store(tmp_path, {"Flask": [900, 950]}, mode=QUICK)) == QUICK
    assert stored_mode(store(tmp_path, {"Flask": [900, 950]}, mode=FULL)) == FULL
