"""``python -m bench <benchmark>|all [--full] [--path fast|pipeline]``: the benchmarks are ``BENCHMARKS``."""

import argparse
import os
import platform
import sys

from bench import database, prediction, serving, size, startup, workers
from bench.load import NO_WRK, wrk_available
from bench.report import RESULTS_DIR, report
from course_helpers import postgres

BENCHMARKS = {"prediction": prediction.measure, "serving": serving.measure, "startup": startup.measure,
              "size": size.measure, "workers": workers.measure, "worker-types": workers.measure_worker_types,
              "database": database.measure}
UNDER_LOAD = ("serving", "database")  # the benchmarks that need wrk


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("what", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--full", action="store_true", help="longer runs, repeated (minutes, not seconds)")
    parser.add_argument("--path", choices=["fast", "pipeline"], default="fast",
                        help="the prediction path the servers use (default: fast)")
    parser.add_argument("--results", default=RESULTS_DIR, help="folder for the CSV files")
    args = parser.parse_args(argv)
    os.environ["PENGUIN_PREDICTION_PATH"] = args.path  # read by every server this process starts
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{'full' if args.full else 'quick'} mode, servers on the {args.path} path")
    names = list(BENCHMARKS) if args.what == "all" else [args.what]
    for name in [name for name in names if cannot_run(name)]:
        print(f"{name}: {cannot_run(name)}", file=sys.stderr)
        if args.what == name:
            return 2
        names.remove(name)
    for name in names:
        suffix = "" if args.path == "fast" or name == "size" else f"-{args.path}"
        report(f"{name}{suffix}", BENCHMARKS[name](full=args.full), args.results)
    return 0


def cannot_run(name):
    """Why the benchmark ``name`` cannot run on this machine, or ``None``."""
    if name in UNDER_LOAD and not wrk_available():
        return NO_WRK
    return postgres.unavailable_reason() if name == "database" else None


if __name__ == "__main__":
    sys.exit(main())
