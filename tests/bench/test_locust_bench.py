"""The worker benchmarks in quick mode: locust against gunicorn's worker counts and types, no failure."""

import pytest

from bench.summary import CPU
from bench.workers import WAIT_MS, WORKER_COUNTS, WORKER_TYPES
from tests.bench.running import run_bench
from tests.support.needs import posix_only


@posix_only("gunicorn")
@pytest.mark.parametrize(("what", "key", "expected"), [
    ("workers", "workers", {str(count) for count in WORKER_COUNTS}),
    ("worker-types", "worker type", set(WORKER_TYPES)),
])
def test_every_server_answers_every_simulated_user(what, key, expected, model_dir, tmp_path):
    rows = run_bench(what, model_dir, tmp_path)
    assert {row[key] for row in rows} == expected
    assert all(int(row["requests"]) > 0 and row["failures"] == "0" for row in rows), rows
    assert all(float(row[CPU]) > 0 for row in rows)
    if what == "worker-types":
        assert {row["wait ms"] for row in rows} == {"0", str(WAIT_MS)}
