"""The stored runs as tables to show: each function returns a pandas DataFrame of text, figures rounded.

docs/benchmarks.md is made of them (``bench.document``), and a chapter can show any of them in a
cell, e.g. ``serving_table("fast")``; ``folder=`` reads your own runs instead of the course's.
A spread reads "median (lowest–highest)", over every round of every run; "each run" lists each run's
own median, so the difference between runs shows beside the difference within them.
"""

import pandas as pd

from bench import summary
from bench.database import DATABASES, POSTGRESQL, SQLITE, SQLITE_PER_REQUEST
from bench.results import FULL, RUNS, STORED, read
from bench.serving import SERVERS
from bench.summary import CPU, THROUGHPUT, Spread, by_group, figure, on_path

# The pairs of servers whose verdicts the document gives: the paper's claims and what explains them.
COMPARISONS = [
    ("Flask (gunicorn)", "Django (gunicorn)"),
    ("Flask (gunicorn)", "Django, not storing (gunicorn)"),
    ("Django, not storing (gunicorn)", "Django (gunicorn)"),
    ("FastAPI (uvicorn)", "Flask (gunicorn)"),
    ("Streamlit (streamlit run)", "Django (gunicorn)"),
    ("Streamlit (uvicorn)", "Streamlit (streamlit run)"),
]
DATABASE_COMPARISONS = [(SQLITE, SQLITE_PER_REQUEST), (SQLITE, POSTGRESQL)]


def runs_table(folder=STORED, mode=FULL):
    """One row per stored run: when, which code, which machine, how long, and how busy the machine was."""
    runs = _runs(folder, mode)
    rows = []
    for run, parts in runs.groupby("run", sort=True) if not runs.empty else []:
        first = parts.iloc[0]
        load = pd.concat([parts["load average before"], parts["load average after"]])
        rows.append({"run": run, "commit": first["commit"], "machine": first["machine"],
                     "processor": first["processor"], "CPUs": str(first["CPUs"]),
                     "memory GiB": figure(first["memory GiB"]), "Python": first["Python"],
                     "benchmarks": str(len(parts)), "minutes": figure(parts["seconds"].sum() / 60),
                     "load average": f"{figure(load.min())}–{figure(load.max())}"})
    return pd.DataFrame(rows)


def durations_table(folder=STORED, mode=FULL):
    """How long each benchmark took, in minutes: the median over the stored runs, and the longest."""
    runs = _runs(folder, mode)
    if runs.empty:
        return runs
    return pd.DataFrame([{"benchmark": name, "path": path, "runs": str(len(times)),
                          "minutes": figure(times["seconds"].median() / 60),
                          "longest": figure(times["seconds"].max() / 60)}
                         for (name, path), times in runs.groupby(["benchmark", "path"], sort=False)])


def _runs(folder, mode):
    """The lines of runs.csv of the runs made in ``mode`` (none when nothing is stored yet)."""
    runs = read(RUNS, folder, mode=None)
    return runs if runs.empty else runs[runs["mode"] == mode]


def servers_table(path="fast", folder=STORED, mode=FULL):
    """What each server of the serving benchmark is: its program, processes, connections and work."""
    rounds = summary.serving_rounds(path, folder, mode)
    alive = {} if rounds.empty else dict(zip(rounds["server"], rounds["keeps connections alive"],
                                             strict=True))
    return pd.DataFrame([{
        "server": server.name, "worker processes": str(server.workers),
        "keeps connections alive": alive.get(server.name, "not measured yet"),
        "stores each prediction": "yes" if server.stores else "no", "note": server.note,
    } for server in SERVERS])


def serving_table(path="fast", folder=STORED, mode=FULL):
    """The serving benchmark on ``path``: per connection count and server, throughput and latency (medians),
    the throughput ratio to the baseline of the same round and the CPU time per request (spreads)."""
    table = summary.serving_summary(path, folder, mode)
    if table.empty:
        return table
    return pd.DataFrame([{
        "connections": str(row["connections"]), "server": row["server"],
        "requests/s": figure(row["requests/s"]), "p50 ms": figure(row["p50 ms"]),
        "p99 ms": figure(row["p99 ms"]),
        THROUGHPUT: str(row[THROUGHPUT]), "each run": row[THROUGHPUT].between_runs(),
        CPU: str(row[CPU]), "errors": str(row["errors"]),
    } for _, row in table.iterrows()])


def verdict_table(path="fast", measure=THROUGHPUT, folder=STORED, pairs=COMPARISONS, mode=FULL):
    """For each pair of servers and connection count: the verdict of the rule on ``measure``, and how many
    times the first's figure the second's was in the same round."""
    return _verdicts([summary.compare(first, second, measure, path, folder, mode) for first, second in pairs],
                     pairs)


def database_verdict_table(measure="requests/s", folder=STORED, pairs=DATABASE_COMPARISONS, mode=FULL):
    """As ``verdict_table``, for pairs of databases at each worker and connection count."""
    return _verdicts([summary.compare_databases(first, second, measure, folder, mode)
                      for first, second in pairs], pairs)


def _verdicts(comparisons, pairs):
    """One row per pair, one column per group it was compared in: "verdict; factor×"."""
    rows = []
    for compared, (first, second) in zip(comparisons, pairs, strict=True):
        groups = [column for column in compared.columns if column in ("workers", "connections")]
        cells = {", ".join(_counted(row[key], key) for key in groups):
                 f"{row['verdict']}; {row['first ÷ second']}×" for _, row in compared.iterrows()}
        if cells:
            rows.append({"first": first, "second": second, **cells})
    return pd.DataFrame(rows)


def _counted(count, noun):
    """"1 connection", "8 connections", "2 workers"."""
    return f"{count} {noun if count != 1 else noun.removesuffix('s')}"


def prediction_table(folder=STORED):
    """The in-process timings: the median of each run (its spread over runs), the best and the worst."""
    table = read("prediction", folder)
    if table.empty:
        return table
    grouped = by_group(table, ["what"], ["median ms", "best ms", "worst ms", "µs per penguin"])
    return pd.DataFrame([{
        "what": row["what"], "runs": str(row["runs"]), "median ms": str(row["median ms"]),
        "best ms": figure(row["best ms"].low), "worst ms": figure(row["worst ms"].high),
        "µs per penguin (best)": figure(row["µs per penguin"].low),
    } for _, row in grouped.iterrows()])


def startup_table(path="fast", folder=STORED, mode=FULL):
    """Cold start (command to first prediction) and memory of each app's server, on ``path``."""
    table = on_path("startup", path, folder, mode)
    if table.empty:
        return table
    columns = ["cold start s", "PSS total MiB", "RSS per worker MiB"]
    grouped = by_group(table, ["server", "processes"], columns)
    return pd.DataFrame([{
        "server": row["server"], "processes": str(row["processes"]), "runs": str(row["runs"]),
        "cold start s": str(row["cold start s"]), "PSS total MiB": str(row["PSS total MiB"]),
        "RSS per worker MiB": figure(row["RSS per worker MiB"].median),
    } for _, row in grouped.iterrows()])


def size_table(folder=STORED, mode=FULL):
    """Files and lines of each app, as the latest stored run counted them (counting is exact)."""
    table = read("size", folder, mode=mode)
    if table.empty:
        return table
    latest = table[table["run"] == table["run"].max()].drop(columns="run")
    return latest.astype(str).reset_index(drop=True)


def database_table(folder=STORED, mode=FULL):
    """Django's writes on each database: throughput (and its ratio to SQLite with the connection kept, in
    the same round), 99th percentile, CPU per request with the database server's, and rows counted."""
    table = summary.database_rounds(folder, mode)
    if table.empty:
        return table
    ratio = f"throughput ÷ {SQLITE}"
    rows = []
    for (workers, connections), measured in table.groupby(["workers", "connections"], sort=True):
        for database in DATABASES:
            one = measured[measured["database"] == database]
            rows.append({
                "workers": str(workers), "connections": str(connections), "database": database,
                "commits": one["commits"].iloc[0], "requests/s": str(summary.spread(one, "requests/s")),
                ratio: str(summary.spread(one, ratio)), "p99 ms": figure(one["p99 ms"].median()),
                CPU: str(summary.spread(one, CPU)), "sent": str(one["sent"].sum()),
                "rows stored": str(one["rows stored"].sum()), "errors": str(one["errors"].sum()),
            })
    return pd.DataFrame(rows)


def workers_table(path="fast", folder=STORED):
    """The Flask app with 1, 2 and 4 gunicorn workers under more and more locust users, on ``path``."""
    return _locust_table(on_path("workers", path, folder), ["workers", "users"])


def worker_types_table(folder=STORED):
    """gunicorn's worker types, 2 workers each, with and without a 20 ms wait before each prediction."""
    return _locust_table(on_path("worker-types", "fast", folder), ["worker type", "wait ms", "users"])


def _locust_table(table, keys):
    if table.empty:
        return table
    grouped = by_group(table, keys, ["requests/s", "p50 ms", "p99 ms", CPU, "client CPU %", "failures"])
    return pd.DataFrame([{
        **{key: str(row[key]) for key in keys}, "runs": str(row["runs"]),
        "requests/s": str(row["requests/s"]), "p50 ms": figure(row["p50 ms"].median),
        "p99 ms": figure(row["p99 ms"].median), CPU: str(row[CPU]),
        "client CPU %": figure(row["client CPU %"].median), "failures": _total(row["failures"]),
    } for _, row in grouped.iterrows()])


def _total(failures: Spread):
    """Failures are counted, not spread: "0" when no round had any, else the most that one round had."""
    return "0" if failures.high == 0 else f"at most {figure(failures.high)} in a round"
