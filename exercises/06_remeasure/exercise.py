"""Exercise 06 · Re-measure one row on your own machine (see README.md).

Fill in the three gaps marked TODO, check them with ``make check EXERCISE=06_remeasure``, then put
your own run beside the stored one:

    .venv/bin/python exercises/06_remeasure/exercise.py bench/results/serving.csv
"""

import csv
import sys
from pathlib import Path

from penguin_model.data import REPO_ROOT

STORED = REPO_ROOT / "docs" / "benchmarks" / "serving.csv"  # the course's full run
FLOOR = "bare WSGI (floor)"  # the floor's name in the table, as bench/serving.py writes it


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
    # TODO 1: find the server's row and the floor's row at the same connection count (every cell is
    # text, the connection count too), then divide their "requests/s" once they are numbers.
    raise NotImplementedError("Exercise 1: divide the server's requests/s by the floor's (see README.md).")


def spread(rows, server, connections):
    """(lowest, highest) requests/s over the repeats, as numbers, from the "spread requests/s" column."""
    # TODO 2: the cell looks like "1,440-1,750": split it at the dash and drop the thousands commas
    # before you turn each half into a number.
    raise NotImplementedError("Exercise 2: turn the spread text into two numbers (see README.md).")


def same_ranking(mine, stored, connections):
    """True when both runs order their servers alike by throughput ratio, at ``connections`` connections."""
    # TODO 3: order each run's servers_at(...) by their throughput_ratio(...), fastest first (Python's
    # "Sorting Techniques" how-to, "Key Functions"), then compare the two orders.
    raise NotImplementedError("Exercise 3: compare the two runs' orders of servers (see README.md).")


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
