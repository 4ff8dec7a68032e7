"""The stored runs read back: ratios paired per round, spreads between runs, and the rule for a verdict.

Every figure of docs/benchmarks.md, and every figure chapters 06 and 07 quote, comes from here, read
from the CSV files of ``bench.results`` (the course's own runs by default, ``folder=`` for yours).

- A **paired ratio** divides a server's figure by the baseline's *in the same round of the same run*:
  the machine's state at that moment cancels out, as far as it can.
- A **spread** (``Spread``) gives the median of every measurement of all runs, the lowest and the
  highest of them, and each run's own median: how much a figure moved within runs and between them.
- **The verdict rule** (``apart``): two servers are called apart only when their spreads do not
  overlap — every measurement of one beyond every measurement of the other, in every round of every
  run — and each was measured in at least ``MIN_RUNS`` runs. Anything less is "not apart".
"""

from dataclasses import dataclass

import pandas as pd

from bench.cpu import CPU_PER_REQUEST, OTHER_CPU
from bench.database import SQLITE
from bench.results import FULL, QUICK, RUNS, STORED, read
from bench.serving import BASELINE, SERVERS
from course_helpers.verdicts import UNCHECKED, finding

THROUGHPUT = "throughput ÷ baseline"
CPU = CPU_PER_REQUEST
CPU_RATIO = "CPU per request ÷ baseline"
# Which way is better, for each measure a verdict can rest on.
HIGHER_IS_BETTER = {THROUGHPUT: True, "requests/s": True, CPU: False, CPU_RATIO: False,
                    "p50 ms": False, "p90 ms": False, "p99 ms": False}
MIN_RUNS = 3  # runs at different times before two servers can be called apart


@dataclass(frozen=True)
class Spread:
    """A figure over every measurement of every run: median, lowest, highest, and each run's median."""

    median: float
    low: float
    high: float
    run_medians: tuple

    @property
    def runs(self):
        return len(self.run_medians)

    def __str__(self):
        return f"{figure(self.median)} ({figure(self.low)}–{figure(self.high)})"

    __repr__ = __str__  # as tables print it

    def between_runs(self):
        """Each run's median, in the order of the runs: "0.61 · 0.64 · 0.70"."""
        return " · ".join(figure(value) for value in self.run_medians)


def spread(rows, column):
    """The ``Spread`` of ``column`` over ``rows`` (a DataFrame with a ``run`` column)."""
    values = rows[column].astype(float)
    by_run = rows.assign(**{column: values}).groupby("run", sort=True)[column].median()
    return Spread(float(values.median()), float(values.min()), float(values.max()), tuple(map(float, by_run)))


def apart(first, second):
    """The course's rule: two spreads are apart only when they do not overlap and each has ``MIN_RUNS``
    runs or more. Overlapping spreads, or too few runs, are "not apart", however far the medians are."""
    enough = min(first.runs, second.runs) >= MIN_RUNS
    return bool(enough and (first.low > second.high or second.low > first.high))


def figure(value):
    """A figure as the tables print it: two or three significant digits, thousands with separators."""
    value = float(value)
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.0f}"
    text = f"{value:.3g}" if size >= 1 else f"{value:.2g}"
    return text if "e" not in text else f"{value:.6f}".rstrip("0")


# --- serving ---

def serving_rounds(path="fast", folder=STORED, mode=FULL):
    """Every stored serving measurement on ``path``, with its ratios to the baseline's of the same round."""
    table = read("serving", folder, mode=mode)
    if table.empty:
        return table
    table = table[table["path"] == path]
    keys = ["run", "connections", "round"]
    baseline = table[table["server"] == BASELINE].set_index(keys)[["requests/s", CPU]]
    joined = table.join(baseline.add_suffix(" of the baseline"), on=keys)
    return table.assign(**{
        THROUGHPUT: joined["requests/s"] / joined["requests/s of the baseline"],
        CPU_RATIO: joined[CPU] / joined[f"{CPU} of the baseline"],
    }).reset_index(drop=True)


def serving_summary(path="fast", folder=STORED, mode=FULL):
    """One row per connection count and server (in ``bench.serving.SERVERS``'s order): its setup, and the
    spreads of its throughput ratio and CPU time per request; medians of the rest."""
    rounds = serving_rounds(path, folder, mode)
    rows = []
    for connections in sorted(rounds["connections"].unique()) if not rounds.empty else []:
        for server in SERVERS:
            measured = rounds[(rounds["connections"] == connections) & (rounds["server"] == server.name)]
            if measured.empty:
                continue
            rows.append({
                "connections": int(connections), "server": server.name,
                "worker processes": int(measured["worker processes"].iloc[0]),
                "keeps connections alive": measured["keeps connections alive"].iloc[0],
                "runs": measured["run"].nunique(),
                "requests/s": measured["requests/s"].median(),
                "p50 ms": measured["p50 ms"].median(), "p99 ms": measured["p99 ms"].median(),
                THROUGHPUT: spread(measured, THROUGHPUT), CPU: spread(measured, CPU),
                "errors": int(measured["errors"].sum()),
                f"{OTHER_CPU} at most": measured[OTHER_CPU].max(),
            })
    return pd.DataFrame(rows)


def compare(first, second, measure=THROUGHPUT, path="fast", folder=STORED, mode=FULL):
    """Two servers side by side at each connection count: the spread of ``measure`` for each, how many
    times the first's figure the second's is in the same round (a paired factor), and the verdict."""
    return paired(serving_rounds(path, folder, mode), "server", first, second, measure, ["connections"])


def compare_databases(first, second, measure="requests/s", folder=STORED, mode=FULL):
    """As ``compare``, for two databases of the database benchmark, at each worker and connection count."""
    rounds = database_rounds(folder, mode)
    return paired(rounds, "database", first, second, measure, ["workers", "connections"])


def paired(rounds, column, first, second, measure, at):
    """``first`` and ``second`` (values of ``column``) in each group of ``at``: their spreads of
    ``measure``, the first's figure divided by the second's in the same round of the same run, and the
    verdict of the rule."""
    rows = []
    for group, measured in rounds.groupby(at, sort=True) if not rounds.empty else []:
        one, other = measured[measured[column] == first], measured[measured[column] == second]
        if one.empty or other.empty:
            continue
        pairs = one.merge(other, on=["run", "round"], suffixes=("", " of the second"))
        factor = pairs.assign(factor=pairs[measure] / pairs[f"{measure} of the second"])
        spreads = spread(one, measure), spread(other, measure)
        group = group if isinstance(group, tuple) else (group,)
        rows.append({**{key: int(value) for key, value in zip(at, group, strict=True)},
                     first: spreads[0], second: spreads[1], "first ÷ second": spread(factor, "factor"),
                     "verdict": verdict(first, second, *spreads, measure)})
    return pd.DataFrame(rows)


def verdict(first, second, first_spread, second_spread, measure=THROUGHPUT):
    """"<first or second> faster" (for throughput; "cheaper" for CPU time, "quicker" for latency) when the
    two spreads are ``apart``, else "not apart"."""
    if not apart(first_spread, second_spread):
        return "not apart"
    first_higher = first_spread.low > second_spread.high
    better = first if first_higher == HIGHER_IS_BETTER[measure] else second
    word = "faster" if HIGHER_IS_BETTER[measure] else "quicker" if measure.startswith("p") else "cheaper"
    return f"{better} {word}"


def verdict_sentence(first, second, measure=THROUGHPUT, path="fast", folder=STORED, mode=FULL):
    """One sentence, every figure from the stored runs: the two servers' spreads of ``measure`` at each
    connection count, and the verdict the rule gives there."""
    table = compare(first, second, measure, path, folder, mode)
    if table.empty:
        return f"No stored {mode} run measured both {first} and {second} on the {path} path."
    runs = min(row[first].runs for _, row in table.iterrows())
    parts = [f"at {_connections(row['connections'])}, {row[first]} against {row[second]}, "
             f"{row['first ÷ second']} times in the same round: {row['verdict']}"
             for _, row in table.iterrows()]
    return (f"{first} against {second}, {measure} (median, lowest–highest over every round of "
            f"{runs} run{'s' if runs != 1 else ''}, {path} path): {'; '.join(parts)}.")


def _connections(count):
    return f"{count} connection{'s' if count != 1 else ''}"


# --- the other benchmarks ---

def by_group(table, keys, columns):
    """One row per group of ``keys`` (in the order they first appear): the ``Spread`` of each of
    ``columns``, and how many runs measured it."""
    rows = []
    for group, measured in table.groupby(keys, sort=False):
        group = group if isinstance(group, tuple) else (group,)
        rows.append({**dict(zip(keys, group, strict=True)), "runs": measured["run"].nunique(),
                     **{column: spread(measured, column) for column in columns}})
    return pd.DataFrame(rows)


def on_path(name, path, folder=STORED, mode=FULL):
    """The stored rows of benchmark ``name`` measured with the servers on ``path``."""
    table = read(name, folder, mode=mode)
    return table if table.empty else table[table["path"] == path].reset_index(drop=True)


def database_rounds(folder=STORED, mode=FULL, reference=SQLITE):
    """The database benchmark's measurements, with each throughput paired to ``reference``'s in its round."""
    table = read("database", folder, mode=mode)
    if table.empty:
        return table
    keys = ["run", "workers", "connections", "round"]
    base = table[table["database"] == reference].set_index(keys)["requests/s"].rename("reference")
    joined = table.join(base, on=keys)
    return table.assign(**{f"throughput ÷ {reference}": joined["requests/s"] / joined["reference"]})


# --- findings for the chapters' verdicts (course_helpers.verdicts) ---

# How the chapters read "slightly" faster: the paired factor below this at every connection count, i.e.
# less than half as fast again. A reading of a word, stated in chapter 06, not a measurement.
SLIGHTLY = 1.5


def faster_finding(first, second, path="fast", folder=STORED, mode=FULL):
    """The finding on "``first`` is faster than ``second``" from the stored runs, by the rule (``apart``):
    true when they are apart with ``first`` faster at every connection count; false when they are apart
    the other way anywhere, or not apart with ``MIN_RUNS`` runs; unchecked with fewer runs or none."""
    table = compare(first, second, THROUGHPUT, path, folder, mode)
    if table.empty or not _enough_runs(table, first, second):
        return UNCHECKED
    return finding((table["verdict"] == f"{first} faster").all())


def same_finding(first, second, path="fast", folder=STORED, mode=FULL):
    """The finding on "``first`` performs the same as ``second``": true when the rule calls them apart
    at no connection count (with ``MIN_RUNS`` runs each), false when it does anywhere."""
    table = compare(first, second, THROUGHPUT, path, folder, mode)
    if table.empty or not _enough_runs(table, first, second):
        return UNCHECKED
    return finding((table["verdict"] == "not apart").all())


def slightly_finding(first, second, path="fast", folder=STORED, mode=FULL, limit=SLIGHTLY):
    """The finding on "``first`` is at most *slightly* faster than ``second``": the paired factor's median
    below ``limit`` at every connection count (with ``MIN_RUNS`` runs each)."""
    table = compare(first, second, THROUGHPUT, path, folder, mode)
    if table.empty or not _enough_runs(table, first, second):
        return UNCHECKED
    return finding(all(row["first ÷ second"].median < limit for _, row in table.iterrows()))


def _enough_runs(table, first, second):
    return min(min(row[first].runs, row[second].runs) for _, row in table.iterrows()) >= MIN_RUNS


def stored_mode(folder=STORED):
    """``FULL`` when a full run is stored in ``folder``, else ``QUICK`` (the chapters then say so)."""
    runs = read(RUNS, folder, mode=None)
    return FULL if not runs.empty and (runs["mode"] == FULL).any() else QUICK
