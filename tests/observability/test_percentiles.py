"""Latency percentiles read from /metrics: Prometheus's interpolation, checked against the exact log."""

import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from api_contract.metrics import LATENCY_BUCKETS
from course_helpers.percentiles import PERCENTILES, histogram_quantile, server_percentiles
from course_helpers.processes import server_output
from course_helpers.servers import serving_with_process
from penguin_model.examples import GENTOO
from tests.observability.conftest import eventually

# (upper bound in s, requests at or below it): 2 up to 1 ms, 4 more up to 2 ms, 2 more above 2 ms.
HISTOGRAM = [(0.001, 2), (0.002, 6), (math.inf, 8)]


@pytest.mark.parametrize(("quantile", "expected"), [
    (0.1, 0.0004),  # rank 0.8 of the 2 requests in the first bucket, which starts at 0
    (0.5, 0.0015),  # rank 4: the 2nd of the 4 requests between 1 and 2 ms, half-way through
    (0.75, 0.002),  # rank 6: the last request of that bucket, at its upper bound
    (0.99, 0.002),  # in the unbounded bucket: its lower bound, the highest finite bound
])
def test_a_quantile_is_interpolated_within_its_bucket_as_prometheus_does(quantile, expected):
    assert histogram_quantile(quantile, HISTOGRAM) == pytest.approx(expected)


def bucket(seconds):
    """The latency bucket ``(lower, upper]`` that holds ``seconds``."""
    upper_index = next(index for index, bound in enumerate(LATENCY_BUCKETS) if seconds <= bound)
    return (LATENCY_BUCKETS[upper_index - 1] if upper_index else 0.0), LATENCY_BUCKETS[upper_index]


@pytest.mark.parametrize("app", ["flask", "django"])
def test_each_estimate_lies_in_the_bucket_of_the_exact_percentile(app, model_dir):
    """From a real 2-worker server: /metrics' estimate against the access log's exact durations."""
    count = 60
    with serving_with_process(app, model_dir=model_dir) as (base_url, process), \
            ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _: requests.post(f"{base_url}/api/predict", json=GENTOO, timeout=30)
                                 .status_code, range(count)))
        assert statuses == [200] * count

        def predictions():
            return [row for row in server_percentiles(base_url) if row["endpoint"] == "/api/predict"]

        eventually(lambda: predictions() and predictions()[0]["requests"] == count)
        [estimate] = predictions()
        log = [json.loads(line) for line in server_output(process, limit=10**6).splitlines()
               if line.startswith("{")]
    assert estimate["requests"] == count
    durations = sorted(line["duration_ms"] / 1000 for line in log if line["path"] == "/api/predict")
    assert len(durations) == count
    for name, quantile in PERCENTILES.items():
        exact = durations[math.ceil(quantile * count) - 1]  # nearest rank, the rank Prometheus looks for
        lower, upper = bucket(estimate[name] / 1000)
        rounding = 0.0005 / 1000  # the log gives durations to the microsecond
        assert lower - rounding <= exact <= upper + rounding, (name, exact, estimate[name])


def test_the_command_prints_one_row_per_endpoint(model_dir):
    with serving_with_process("flask", model_dir=model_dir, workers=1) as (base_url, _):
        for _ in range(3):
            requests.get(f"{base_url}/api/model", timeout=30)
        done = subprocess.run([sys.executable, "-m", "course_helpers.percentiles", base_url],
                              capture_output=True, text=True, timeout=60, check=True)
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["endpoint", "requests", *" ".join(PERCENTILES).split()]
    assert any(row.split()[:2] == ["/api/model", "3"] for row in rows), done.stdout
