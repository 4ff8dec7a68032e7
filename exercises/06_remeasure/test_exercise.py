"""Checks for exercise 06 · Re-measure one row. Run: make check EXERCISE=06_remeasure

They read only the course's stored full run, docs/benchmarks/serving.csv: no server is started.
"""

import copy
import csv

import pytest

from penguin_model.data import REPO_ROOT

STORED = REPO_ROOT / "docs" / "benchmarks" / "serving.csv"


@pytest.fixture(scope="module")
def stored_rows():
    """The stored run's rows, as text, the way csv reads them."""
    if not STORED.is_file():
        pytest.fail(f"{STORED} is missing; it comes with the course: restore it with "
                    "`git checkout docs/benchmarks/serving.csv`.", pytrace=False)
    with STORED.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def measured(rows):
    """The rows measured over HTTP (all but the in-process one), as (server, connections, row)."""
    return [(row["server"], int(row["connections"]), row) for row in rows if row["connections"] != "-"]


def connection_counts(rows):
    return sorted({connections for _, connections, _ in measured(rows)})


def test_throughput_ratio_matches_the_stored_column(exercise, stored_rows):
    for server, connections, row in measured(stored_rows):
        ratio = exercise.throughput_ratio(stored_rows, server, connections)
        assert isinstance(ratio, float), f"Return a number, not {type(ratio).__name__}: convert the text."
        stored = float(row["throughput vs floor"])
        assert ratio == pytest.approx(stored, rel=1e-9), (
            f"{server} at {connections} connections: your ratio is {ratio}, the stored column says {stored}. "
            "Divide its requests/s by the floor's at the same connection count.")


def test_spread_reads_thousands_separators(exercise):
    rows = [
        {"server": "Flask (gunicorn)", "connections": "1", "requests/s": "905.0",
         "spread requests/s": "880-910"},
        {"server": "Flask (gunicorn)", "connections": "8", "requests/s": "1620.5",
         "spread requests/s": "1,440-1,750"},
    ]
    low_high = exercise.spread(rows, "Flask (gunicorn)", 8)
    assert low_high == (1440, 1750), (
        f"'1,440-1,750' at 8 connections should give (1440, 1750), got {low_high!r}. "
        "Take the row at the connection count asked for, and drop the thousands commas.")


def test_spread_holds_the_median_of_each_stored_row(exercise, stored_rows):
    for server, connections, row in measured(stored_rows):
        low, high = exercise.spread(stored_rows, server, connections)
        assert all(isinstance(value, int | float) for value in (low, high)), (
            f"Return two numbers, not {low!r} and {high!r}: drop the commas, then convert.")
        median = float(row["requests/s"])
        # The spread is written rounded to whole requests/s; the median lies between its ends.
        assert low - 0.5 <= median <= high + 0.5, (
            f"{server} at {connections} connections: the median, {median:,.1f} requests/s, should lie "
            f"between the lowest and the highest; you read ({low}, {high}) "
            f"from {row['spread requests/s']!r}.")


def test_same_ranking_of_the_stored_run_with_itself(exercise, stored_rows):
    for connections in connection_counts(stored_rows):
        assert exercise.same_ranking(stored_rows, stored_rows, connections) is True, (
            f"A run ranks its servers as itself does, at {connections} connections: expected True.")


def swapped(rows, connections):
    """A copy of ``rows`` where the fastest and the slowest server at ``connections`` trade figures."""
    copied = copy.deepcopy(rows)
    at_count = [row for row in copied if row["connections"] == str(connections)]
    fastest = max(at_count, key=lambda row: float(row["requests/s"]))
    slowest = min(at_count, key=lambda row: float(row["requests/s"]))
    for column in fastest:
        if column not in ("server", "processes"):
            fastest[column], slowest[column] = slowest[column], fastest[column]
    return copied, fastest["server"], slowest["server"]


def test_same_ranking_notices_two_servers_swapped(exercise, stored_rows):
    counts = connection_counts(stored_rows)
    for connections in counts:
        changed, first, second = swapped(stored_rows, connections)
        assert exercise.same_ranking(changed, stored_rows, connections) is False, (
            f"With the figures of {first} and {second} swapped at {connections} connections, the order "
            "differs from the stored run's: expected False. Sort by throughput_ratio, then compare "
            "the lists.")
        for other in counts:
            if other != connections:
                assert exercise.same_ranking(changed, stored_rows, other) is True, (
                    f"Only the {connections}-connection figures changed, so the ranking at {other} "
                    "connections is still the same: expected True. Use only the rows at `connections`.")


def test_the_script_puts_a_run_beside_the_stored_one(exercise, stored_rows, capsys):
    assert exercise.main([str(STORED)]) == 0
    printed = capsys.readouterr().out
    agreements = printed.count("The same ranking as the stored run")
    assert agreements == len(connection_counts(stored_rows)), (
        "Compared with itself, the stored run should have the same ranking at every connection count; "
        f"the script printed:\n{printed}")
