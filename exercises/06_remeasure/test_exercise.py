"""Checks for exercise 06 · Re-measure one row. Run: make check EXERCISE=06_remeasure

They read only the course's stored full run, docs/benchmarks/serving.csv: no server is started.
"""

import copy
import csv
import itertools

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


def ratio_column(rows):
    """The stored column of each server's requests/s divided by the floor's, as bench/serving.py names it."""
    columns = [name for name in rows[0] if name.startswith("throughput vs ")]
    assert len(columns) == 1, f"The stored run should have one 'throughput vs ...' column, not {columns}."
    return columns[0]


def measured(rows):
    """The rows measured over HTTP (all but the in-process one), as (server, connections, row)."""
    return [(row["server"], int(row["connections"]), row) for row in rows if row["connections"] != "-"]


def connection_counts(rows):
    return sorted({connections for _, connections, _ in measured(rows)})


def test_throughput_ratio_matches_the_stored_column(exercise, stored_rows):
    for server, connections, row in measured(stored_rows):
        ratio = exercise.throughput_ratio(stored_rows, server, connections)
        assert isinstance(ratio, float), f"Return a number, not {type(ratio).__name__}: convert the text."
        stored = float(row[ratio_column(stored_rows)])
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


def neighbours_swapped(rows, connections):
    """A copy of ``rows`` where two servers next to each other in the ranking at ``connections`` trade
    figures: neither the fastest nor the slowest, so a ranking compared only at its ends looks the same,
    and not the floor either, whose requests/s every ratio is divided by."""
    column = ratio_column(rows)

    def ratio(row):
        return float(row[column])

    copied = copy.deepcopy(rows)
    at_count = [row for row in copied if row["connections"] == str(connections)]
    ranked = sorted(at_count, key=ratio, reverse=True)
    # The floor's ratio is 1, its own requests/s divided by itself.
    pairs = [(faster, slower) for faster, slower in itertools.pairwise(ranked[1:-1])
             if ratio(faster) > ratio(slower) and 1.0 not in (ratio(faster), ratio(slower))]
    if not pairs:
        pytest.fail(f"The stored run has too few servers at {connections} connections to swap two neighbours "
                    "in the middle of its ranking: this check needs four besides the floor.", pytrace=False)
    faster, slower = pairs[len(pairs) // 2]
    for name in faster:
        if name not in ("server", "processes"):
            faster[name], slower[name] = slower[name], faster[name]
    return copied, faster["server"], slower["server"]


def test_same_ranking_notices_two_neighbours_swapped(exercise, stored_rows):
    counts = connection_counts(stored_rows)
    for connections in counts:
        changed, first, second = neighbours_swapped(stored_rows, connections)
        assert exercise.same_ranking(changed, stored_rows, connections) is False, (
            f"With the figures of {first} and {second}, neighbours in the middle of the ranking, swapped at "
            f"{connections} connections, the order differs from the stored run's, though the fastest and the "
            "slowest server have kept their places: expected False.")
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
