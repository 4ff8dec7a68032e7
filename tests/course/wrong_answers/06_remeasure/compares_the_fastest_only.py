"""A wrong answer to exercise 06 · Re-measure: ``same_ranking`` compares only the fastest server of each
run, so two servers that trade places lower down go unnoticed.
"""

import csv
import sys
from pathlib import Path

from penguin_model.data import REPO_ROOT

STORED = REPO_ROOT / "docs" / "benchmarks" / "serving.csv"  # the course's full run
FLOOR = "bare WSGI (floor)"  # the floor's name in the table, as bench/serving.py writes it

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_same_ranking_notices_two_neighbours_swapped", "the order differs")


def read_rows(path):
    """The rows of a serving CSV file, as dicts. Every cell is text: "8", "2674.3", "1,440-1,750"."""
    with Path(path).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def connection_counts(rows):
    """The connection counts a run measured, e.g. [1, 8, 32] (the in-process row has "-")."""
    return sorted({int(row["connections"]) for row in rows if row["connections"] != "-"})


def servers_at(rows, connections):
    """The servers a run measured at ``connections`` connections, in the file's order."""
    return [row["server"] for row in rows if row["connections"] == str(connections)]


def throughput_ratio(rows, server, connections):
    """Requests/s of ``server`` divided by the floor's requests/s, both at ``connections`` connections."""
    return _requests_per_second(rows, server, connections) / _requests_per_second(rows, FLOOR, connections)


def spread(rows, server, connections):
    """(lowest, highest) requests/s over the repeats, as numbers, from the "spread requests/s" column."""
    low, high = _row(rows, server, connections)["spread requests/s"].split("-")
    return float(low.replace(",", "")), float(high.replace(",", ""))


def same_ranking(mine, stored, connections):
    """True when both runs order their servers alike by throughput ratio, at ``connections`` connections."""
    return _ranking(mine, connections)[0] == _ranking(stored, connections)[0]  # wrong: the top one only


def _row(rows, server, connections):
    """The row of ``server`` at ``connections`` connections; a clear error if the run lacks it."""
    for row in rows:
        if row["server"] == server and row["connections"] == str(connections):
            return row
    raise LookupError(f"This run has no row for {server!r} at {connections} connections.")


def _requests_per_second(rows, server, connections):
    return float(_row(rows, server, connections)["requests/s"])


def _ranking(rows, connections):
    """The servers measured at ``connections`` connections, fastest first (relative to the floor)."""
    servers = servers_at(rows, connections)
    return sorted(servers, key=lambda server: throughput_ratio(rows, server, connections), reverse=True)


def main(argv=None):
    """Print your run beside the stored one, at every connection count that both runs measured."""
    paths = sys.argv[1:] if argv is None else argv
    if len(paths) != 1:
        print("Name your run's file: python exercises/06_remeasure/exercise.py bench/results/serving.csv")
        return 2
    if not Path(paths[0]).is_file():
        print(f"{paths[0]} does not exist. Measure first: .venv/bin/python -m bench serving "
              "(or pass the stored file, docs/benchmarks/serving.csv, to try the script).")
        return 2
    mine, stored = read_rows(paths[0]), read_rows(STORED)
    for connections in sorted(set(connection_counts(mine)) & set(connection_counts(stored))):
        at = f"{connections} connection{'' if connections == 1 else 's'}"
        print(f"\nAt {at}: throughput vs the floor, and requests/s (lowest-highest)")
        print(f"  {'server':24}  {'your run':<23}  stored run")
        for server in servers_at(mine, connections):
            yours, theirs = _figures(mine, server, connections), _figures(stored, server, connections)
            print(f"  {server:24}  {yours}  {theirs}")
        agree = same_ranking(mine, stored, connections)
        print(f"{'The same' if agree else 'A different'} ranking as the stored run at {at}.")
    return 0


def _figures(rows, server, connections):
    """A server's throughput ratio and its lowest-highest requests/s, as one cell of text."""
    low, high = spread(rows, server, connections)
    return f"{throughput_ratio(rows, server, connections):6.2f}  {f'{low:,.0f}-{high:,.0f}':>15}"


if __name__ == "__main__":
    sys.exit(main())
