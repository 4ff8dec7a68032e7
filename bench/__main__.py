"""``python -m bench <benchmark>|all [--full] [--path fast|pipeline] [--results FOLDER]``.

One invocation is one *run*: each benchmark it runs appends its rows to ``<FOLDER>/<benchmark>.csv``
and a line to ``<FOLDER>/runs.csv`` (``bench.results``). ``all`` runs every benchmark of
docs/benchmarks.md, those that depend on how the servers predict on both paths (``ALL``).
"""

import argparse
import os
import sys
import time

from bench import database, prediction, serving, size, startup, workers
from bench.load import NO_WRK, wrk_available
from bench.report import show
from bench.results import FULL, QUICK, RESULTS_DIR, RUNS, append, load_average, machine, new_run_id
from course_helpers import postgres

BENCHMARKS = {"prediction": prediction.measure, "serving": serving.measure, "startup": startup.measure,
              "size": size.measure, "workers": workers.measure, "worker-types": workers.measure_worker_types,
              "database": database.measure}
PATHS = ("fast", "pipeline")
# The benchmarks whose servers predict on the path asked for (PENGUIN_PREDICTION_PATH): their rows say which.
ON_A_PATH = ("serving", "startup", "workers", "worker-types", "database")
# What `all` runs, in this order: every table of docs/benchmarks.md (which says how long each took).
ALL = [("prediction", None), ("size", None), ("serving", "fast"), ("serving", "pipeline"),
       ("startup", "fast"), ("startup", "pipeline"), ("database", "fast"), ("workers", "fast"),
       ("workers", "pipeline"), ("worker-types", "fast")]
UNDER_LOAD = ("serving", "database")  # the benchmarks that need wrk


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("what", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--full", action="store_true", help="longer runs, in rounds (minutes, not seconds)")
    parser.add_argument("--path", choices=PATHS, default="fast",
                        help="the prediction path the servers use (default: fast; `all` runs both)")
    parser.add_argument("--results", default=RESULTS_DIR,
                        help="the folder whose CSV files the run is appended to (default: bench/results)")
    args = parser.parse_args(argv)
    plan = ALL if args.what == "all" else [(args.what, args.path if args.what in ON_A_PATH else None)]
    for name in dict.fromkeys(name for name, _ in plan):
        reason = cannot_run(name)
        if reason:
            print(f"{name}: {reason}", file=sys.stderr)
            if args.what == name:
                return 2
            plan = [(other, path) for other, path in plan if other != name]
    run, mode, described = new_run_id(), FULL if args.full else QUICK, machine()
    print(f"Run {run}: {described['machine']}, {described['CPUs']} CPUs, Python {described['Python']}, "
          f"{mode} mode; appended to {args.results}")
    for name, path in plan:
        run_one(name, path, run=run, mode=mode, described=described, results=args.results)
    return 0


def run_one(name, path, *, run, mode, described, results):
    """Run benchmark ``name``, servers on ``path``; print its rows; append them, and its line to runs.csv."""
    if path is not None:
        os.environ["PENGUIN_PREDICTION_PATH"] = path  # read by every server this process starts
    load_before, started = load_average(), time.perf_counter()
    measured = BENCHMARKS[name](full=mode == FULL)
    seconds = time.perf_counter() - started
    rows = [{"run": run, **({"path": path} if path is not None else {}), **row} for row in measured]
    show(name if path is None else f"{name}, {path} path", measured)
    append(results, name, rows)
    append(results, RUNS, [{"run": run, "benchmark": name, "path": path or "-", "mode": mode,
                            "seconds": round(seconds), "load average before": load_before,
                            "load average after": load_average(), **described}])


def cannot_run(name):
    """Why the benchmark ``name`` cannot run on this machine, or ``None``."""
    if name in UNDER_LOAD and not wrk_available():
        return NO_WRK
    return postgres.unavailable_reason() if name == "database" else None


if __name__ == "__main__":
    sys.exit(main())
