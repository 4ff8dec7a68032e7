"""``python -m bench prediction|serving|startup|size|workers|worker-types|all [--full] [--path ...]``."""

import argparse
import os
import platform
import sys

from bench import prediction, serving, size, startup, workers
from bench.load import NO_WRK, wrk_available
from bench.report import RESULTS_DIR, report

BENCHMARKS = {"prediction": prediction.measure, "serving": serving.measure, "startup": startup.measure,
              "size": size.measure, "workers": workers.measure, "worker-types": workers.measure_worker_types}


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
    if "serving" in names and not wrk_available():
        print(NO_WRK, file=sys.stderr)
        if args.what == "serving":
            return 2
        names.remove("serving")
    for name in names:
        suffix = "" if args.path == "fast" or name == "size" else f"-{args.path}"
        report(f"{name}{suffix}", BENCHMARKS[name](full=args.full), args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
