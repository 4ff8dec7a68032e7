"""Where the benchmarks' figures go: one CSV file per benchmark, one row per measurement, runs appended.

A *run* is one invocation of ``python -m bench``; its id is the time it started (UTC, ISO 8601), in
the ``run`` column of every row it wrote. Nothing is overwritten: each run appends its rows, so a file
holds every run, and the spread *between* runs can be read back (``bench.summary``). ``runs.csv``
beside them says, for each benchmark of each run, the mode, the machine, how long it took and how
busy the machine was (its load average before and after).

The course's own runs are stored in ``docs/benchmarks/runs/`` (``STORED``), yours go to
``bench/results/`` (``RESULTS_DIR``, which git ignores) unless you name another folder.
"""

import csv
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import psutil

from penguin_model.data import REPO_ROOT

RESULTS_DIR = REPO_ROOT / "bench" / "results"
STORED = REPO_ROOT / "docs" / "benchmarks" / "runs"
RUNS = "runs"  # runs.csv: one row per benchmark of each run
FULL, QUICK = "full", "quick"
GiB = 2**30


class OtherLayout(RuntimeError):
    """A results file was written with other columns (by another version of ``bench``)."""


def new_run_id():
    """The id of a run that starts now: the time in UTC, to the millisecond, ``2027-01-12T09:30:05.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def append(folder, name, rows):
    """Append ``rows`` (dicts with the same keys) to ``<folder>/<name>.csv``; return the file's path.

    A new file gets a header; an existing one must have the same columns, or ``OtherLayout`` says
    what to do, and nothing is written.
    """
    path = Path(folder) / f"{name}.csv"
    columns = list(rows[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size:
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file), [])
        if header != columns:
            raise OtherLayout(f"{path} has other columns than the {name} benchmark writes now: it comes from "
                              f"another version of bench/. Move it aside (or delete it) and run again.\n"
                              f"  in the file: {header}\n  now:         {columns}")
    new = not path.exists() or not path.stat().st_size
    with path.open("a", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n")  # the same on every OS
        if new:
            writer.writeheader()
        writer.writerows(rows)
    return path


def machine():
    """What a reader needs to know of the machine a run measured: name, cores, processor, memory."""
    return {
        "machine": platform.node(),
        "CPUs": os.cpu_count(),
        "processor": _processor_name(),
        "memory GiB": round(psutil.virtual_memory().total / GiB, 1),
        "Python": platform.python_version(),
        "commit": _commit(),
    }


def load_average():
    """The machine's load average over the last minute (the mean number of runnable processes)."""
    return round(psutil.getloadavg()[0], 2)


def read(name, folder=STORED, *, mode=FULL):
    """Every row of ``<folder>/<name>.csv`` as a DataFrame, from the runs made in ``mode`` (``None``:
    all). Empty when the file does not exist yet. ``mode`` is read from ``runs.csv`` beside it."""
    path = Path(folder) / f"{name}.csv"
    if not path.exists():
        return pd.DataFrame()
    table = pd.read_csv(path)
    if mode is None or name == RUNS:
        return table
    runs = read(RUNS, folder, mode=None)
    if runs.empty:
        return table.iloc[0:0]
    return table[table["run"].isin(set(runs.loc[runs["mode"] == mode, "run"]))].reset_index(drop=True)


def _processor_name():
    """The processor's model name (Linux: /proc/cpuinfo), else what ``platform`` says."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _commit():
    """The repository's commit, with "+" when its files differ from it (the stored results aside): which
    code measured. "-" without git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=30)
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                  ":(exclude)docs/benchmarks"], cwd=REPO_ROOT, capture_output=True, text=True,
                                 timeout=30)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return "-"
    if head.returncode != 0:
        return "-"
    return head.stdout.strip() + ("+" if changed.stdout.strip() else "")
