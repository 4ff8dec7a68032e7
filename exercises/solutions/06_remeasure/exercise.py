"""Exercise 06 · Re-measure one row on your own machine — a worked solution.

Put your own runs beside the course's stored ones:

    .venv/bin/python exercises/solutions/06_remeasure/exercise.py bench/results/serving.csv
"""

import csv
import statistics
import sys
from pathlib import Path

from penguin_model.data import REPO_ROOT

STORED = REPO_ROOT / "docs" / "benchmarks" / "runs" / "serving.csv"  # the course's runs
BASELINE = "bare WSGI baseline (gunicorn)"  # the baseline's name in the table, as bench/serving.py writes it
MIN_RUNS = 3  # the course's rule asks for this many runs before calling two servers apart


def read_rows(path):
    """The fast path's rows of a serving CSV file, as dicts: one per server, connection count, round and
    run. Every cell is text: "8", "2674.3", "2027-01-12T09:30:05.123Z"."""
    with Path(path).open(newline="", encoding="utf-8") as file:
        return [row for row in csv.DictReader(file) if row["path"] == "fast"]


def connection_counts(rows):
    """The connection counts the runs measured, e.g. [1, 8, 32]."""
    return sorted({int(row["connections"]) for row in rows})


def servers_at(rows, connections):
    """The servers measured at ``connections`` connections, in the file's order, each named once."""
    return list(dict.fromkeys(row["server"] for row in rows if row["connections"] == str(connections)))


def runs(rows):
    """How many runs the rows come from."""
    return len({row["run"] for row in rows})


def paired_ratios(rows, server, connections):
    """For each round of each run at ``connections`` connections: the server's requests/s divided by the
    baseline's requests/s in that same round of that same run."""
    baseline = {(row["run"], row["round"]): float(row["requests/s"])
                for row in _at(rows, BASELINE, connections)}
    return [float(row["requests/s"]) / baseline[row["run"], row["round"]]
            for row in _at(rows, server, connections)]


def called_apart(rows, first, second, connections):
    """True when every paired ratio of one server is above every paired ratio of the other."""
    one, other = paired_ratios(rows, first, connections), paired_ratios(rows, second, connections)
    return min(one) > max(other) or min(other) > max(one)


def same_ranking(mine, stored, connections):
    """True when both files order their servers alike, fastest first by their median paired ratio."""
    return _ranking(mine, connections) == _ranking(stored, connections)


def _at(rows, server, connections):
    return [row for row in rows if row["server"] == server and row["connections"] == str(connections)]


def _ranking(rows, connections):
    """The servers measured at ``connections`` connections, fastest first (relative to the baseline)."""
    servers = servers_at(rows, connections)
    return sorted(servers, key=lambda server: statistics.median(paired_ratios(rows, server, connections)),
                  reverse=True)


def main(argv=None):
    """Print your runs beside the stored ones, at every connection count that both measured."""
    paths = sys.argv[1:] if argv is None else argv
    if len(paths) not in (1, 2):
        print("Name your runs' file: python exercises/06_remeasure/exercise.py bench/results/serving.csv")
        return 2
    mine_path, stored_path = paths[0], paths[1] if len(paths) == 2 else STORED
    if not Path(mine_path).is_file():
        print(f"{mine_path} does not exist. Measure first: .venv/bin/python -m bench serving")
        return 2
    if not Path(stored_path).is_file():
        print(f"{stored_path} does not exist: the course stores its runs there once they are made. "
              "Meanwhile, compare two files of yours: your file, then the other.")
        return 2
    mine, stored = read_rows(mine_path), read_rows(stored_path)
    print(f"Your file holds {runs(mine)} run(s), the other {runs(stored)}; the course calls two servers "
          f"apart only with {MIN_RUNS} runs or more.")
    for connections in sorted(set(connection_counts(mine)) & set(connection_counts(stored))):
        at = f"{connections} connection{'' if connections == 1 else 's'}"
        print(f"\nAt {at}: requests/s ÷ the baseline's in the same round, median (lowest-highest)")
        print(f"  {'server':32}  {'your runs':<20}  other runs")
        for server in servers_at(mine, connections):
            yours, theirs = _figures(mine, server, connections), _figures(stored, server, connections)
            print(f"  {server:32}  {yours:<20}  {theirs}")
        agree = same_ranking(mine, stored, connections)
        print(f"{'The same' if agree else 'A different'} ranking as the other runs at {at}.")
        servers = [server for server in servers_at(stored, connections) if server != BASELINE]
        apart = [f"  {first} and {second}" for index, first in enumerate(servers)
                 for second in servers[index + 1:] if called_apart(stored, first, second, connections)]
        print("Servers apart in the other runs:", *(apart or ["  none"]), sep="\n")
    return 0


def _figures(rows, server, connections):
    """A server's median paired ratio and its lowest-highest, as one cell of text ("-" if not measured)."""
    ratios = paired_ratios(rows, server, connections)
    if not ratios:
        return "-"
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"


if __name__ == "__main__":
    sys.exit(main())
