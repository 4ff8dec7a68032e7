"""Run a benchmark as a person does, ``python -m bench <what> --results <folder>``, and read its rows."""

import csv
import os
import subprocess
import sys

from penguin_model.data import REPO_ROOT


def run_bench(what, model_dir, results):
    """Run benchmark ``what`` in quick mode on the test model; return the rows of its CSV file as text."""
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    done = subprocess.run([sys.executable, "-m", "bench", what, "--results", str(results)], cwd=REPO_ROOT,
                          env=environment, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"\n{what}" in done.stdout, "the table is printed under its name"
    return read_csv(results / f"{what}.csv")


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))
