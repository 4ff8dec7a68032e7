"""Checks for exercise 06 · Re-measure one row. Run: make check EXERCISE=06_remeasure

They need no server and no run: they try your functions on small tables of their own, laid out as
`python -m bench serving` writes its rows (one per server, connection count, round and run, all text).
"""

import csv
import statistics

import pytest

BASELINE = "bare WSGI baseline (gunicorn)"
# Each server's throughput as a share of the baseline's, before the small differences between rounds.
SHARES = {BASELINE: 1.0, "Flask (gunicorn)": 0.7, "FastAPI (uvicorn)": 0.55,
          "Django, not storing (gunicorn)": 0.4, "Django (gunicorn)": 0.12}
# The baseline's requests/s in each round of each run: the machine was slower in some rounds.
ROUNDS = {("run-1", "1"): 3000.0, ("run-1", "2"): 2000.0, ("run-2", "1"): 2500.0, ("run-2", "2"): 3500.0}
CONNECTIONS = (1, 8)


def wobble(server, run, round_number):
    """A small, fixed difference of each server's share from round to round (none for the baseline)."""
    if server == BASELINE:
        return 1.0
    index = list(SHARES).index(server) + list(ROUNDS).index((run, round_number))
    return 1 + 0.02 * (index % 3 - 1)


def table(shares=SHARES):
    """The rows of two runs of two rounds at 1 and 8 connections, as read_rows gives them."""
    return [{"run": run, "path": "fast", "connections": str(connections), "round": round_number,
             "server": server, "requests/s": str(baseline * share * wobble(server, run, round_number))}
            for (run, round_number), baseline in ROUNDS.items() for connections in CONNECTIONS
            for server, share in shares.items()]


def expected_ratios(server, shares=SHARES):
    return [shares[server] * wobble(server, run, round_number) for run, round_number in ROUNDS]


def test_paired_ratios_divide_by_the_baseline_of_the_same_round(exercise):
    rows = table()
    for server in SHARES:
        ratios = exercise.paired_ratios(rows, server, 8)
        assert all(isinstance(ratio, float) for ratio in ratios), (
            f"Return numbers, not {ratios!r}: turn each text cell into a number before dividing.")
        assert ratios == pytest.approx(expected_ratios(server), rel=1e-9), (
            f"{server} at 8 connections: expected {expected_ratios(server)}, one per round of each run, got "
            f"{ratios}. Divide each round's requests/s by the baseline's in the same round of the same run: "
            "the baseline's own figure changes from round to round with the machine.")


def test_paired_ratios_use_only_the_connection_count_asked_for(exercise):
    rows = [row | {"requests/s": "1.0"} if row["connections"] == "8" else row for row in table()]
    ratios = exercise.paired_ratios(rows, "Flask (gunicorn)", 1)
    assert ratios == pytest.approx(expected_ratios("Flask (gunicorn)"), rel=1e-9), (
        "Only the 8-connection figures changed, so the ratios at 1 connection should not: use only the rows "
        f"at `connections` (the cells are text, \"1\" and \"8\"). Got {ratios}.")


def test_called_apart_when_every_ratio_of_one_is_above_every_ratio_of_the_other(exercise):
    rows = table()
    flask, django = "Flask (gunicorn)", "Django (gunicorn)"
    for first, second in [(flask, django), (django, flask)]:
        assert exercise.called_apart(rows, first, second, 8) is True, (
            f"{first} and {second}: every ratio of Flask's is above every one of Django's, so they are "
            "apart, whichever of the two is named first: expected True.")


def test_spreads_that_overlap_by_one_round_are_not_apart(exercise):
    """Medians far apart, but one round of the slower server beat one round of the faster: not apart."""
    shares = {BASELINE: 1.0, "Flask (gunicorn)": 0.7, "Django (gunicorn)": 0.5}
    rows = table(shares)
    overlap = [row | {"requests/s": str(float(row["requests/s"]) * 1.5)}
               if (row["server"], row["run"], row["round"]) == ("Django (gunicorn)", "run-2", "2") else row
               for row in rows]
    django = [share * 1.5 if (run, round_number) == ("run-2", "2") else share for share, (run, round_number)
              in zip(expected_ratios("Django (gunicorn)", shares), ROUNDS, strict=True)]
    assert max(django) > min(expected_ratios("Flask (gunicorn)", shares)) > statistics.median(django)
    assert exercise.called_apart(overlap, "Flask (gunicorn)", "Django (gunicorn)", 8) is False, (
        "In one round Django's ratio was above Flask's lowest, so their spreads overlap, although their "
        "medians are far apart: expected False. Compare the lowest of one with the highest of the other.")


def test_same_ranking_of_a_table_with_itself(exercise):
    rows = table()
    for connections in CONNECTIONS:
        assert exercise.same_ranking(rows, rows, connections) is True, (
            f"A table ranks its servers as itself does, at {connections} connections: expected True.")


def neighbours_swapped(rows, connections, first="FastAPI (uvicorn)", second="Django, not storing (gunicorn)"):
    """A copy of ``rows`` where two servers next to each other in the middle of the ranking trade figures
    at ``connections``: the fastest and the slowest keep their places."""
    swapped = {first: second, second: first}
    return [row | {"server": swapped.get(row["server"], row["server"])}
            if row["connections"] == str(connections) else row for row in rows]


def test_same_ranking_notices_two_neighbours_swapped(exercise):
    rows = table()
    for connections in CONNECTIONS:
        changed = neighbours_swapped(rows, connections)
        assert exercise.same_ranking(changed, rows, connections) is False, (
            f"With FastAPI's and Django's (not storing) figures swapped at {connections} connections, the "
            "order differs from the other table's, though the fastest and the slowest server have kept their "
            "places: expected False.")
        other = next(count for count in CONNECTIONS if count != connections)
        assert exercise.same_ranking(changed, rows, other) is True, (
            f"Only the {connections}-connection figures changed, so the ranking at {other} connections is "
            "still the same: expected True. Use only the rows at `connections`.")


def test_the_script_puts_your_runs_beside_the_others(exercise, tmp_path, capsys):
    rows = table()
    path = tmp_path / "serving.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert exercise.main([str(path), str(path)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("The same ranking as the other runs") == len(CONNECTIONS), (
        f"Compared with itself, a file has the same ranking at every connection count; the script printed:\n"
        f"{printed}")
