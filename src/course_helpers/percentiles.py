"""Request counts and latency percentiles per endpoint, read from a running server's /metrics.

    python -m course_helpers.percentiles http://127.0.0.1:8100

The figures cover every request since the server started, from all its workers. They come from
the latency histogram, read the way Prometheus's ``histogram_quantile`` reads it, so they are
estimates: a histogram keeps only how many requests fell in each bucket (0.5-1 ms, 1-1.5 ms, ...;
``api_contract.metrics.LATENCY_BUCKETS``), not their durations. The percentile is placed in the
bucket that holds it, exactly, and within that bucket by assuming the requests spread evenly
across it. So the true value lies in the same bucket, but may be anywhere in it: a p50 shown as
1.2 ms is somewhere between 1 and 1.5 ms. Beyond the last finite bound (10 s) nothing is known,
and that bound is shown. For exact durations, read the access log: each line has ``duration_ms``.
"""

import argparse
import math
import sys

import requests
from prometheus_client.parser import text_string_to_metric_families

from api_contract.metrics import LATENCY_METRIC, METRICS_PATH

PERCENTILES = {"p50 ms": 0.5, "p90 ms": 0.9, "p99 ms": 0.99}


def server_percentiles(base_url, *, timeout=10):
    """``latency_percentiles`` of the server at ``base_url`` (it fetches ``/metrics``)."""
    answer = requests.get(base_url.rstrip("/") + METRICS_PATH, timeout=timeout)
    answer.raise_for_status()
    return latency_percentiles(answer.text)


def latency_percentiles(metrics_text):
    """One row per endpoint that has answered: ``endpoint``, ``requests``, ``p50 ms``, ``p90 ms``, ``p99 ms``.

    All methods of an endpoint are counted together, as ``sum by (le, endpoint)`` does in Prometheus.
    """
    buckets = endpoint_buckets(metrics_text)
    rows = []
    for endpoint, counts in sorted(buckets.items()):
        cumulative = sorted(counts.items())
        requests_seen = cumulative[-1][1]
        if requests_seen:
            percentiles = {name: 1000 * histogram_quantile(q, cumulative) for name, q in PERCENTILES.items()}
            rows.append({"endpoint": endpoint, "requests": int(requests_seen), **percentiles})
    return rows


def endpoint_buckets(metrics_text):
    """``{endpoint: {upper bound in s: requests at or below it}}`` from the latency histogram."""
    buckets = {}
    for family in text_string_to_metric_families(metrics_text):
        if family.name != LATENCY_METRIC:
            continue
        for sample in family.samples:
            if sample.name.endswith("_bucket"):
                counts = buckets.setdefault(sample.labels["endpoint"], {})
                bound = float(sample.labels["le"])
                counts[bound] = counts.get(bound, 0) + sample.value
    return buckets


def histogram_quantile(quantile, cumulative):
    """The ``quantile`` of a histogram given as sorted ``(upper bound, cumulative count)`` pairs.

    As Prometheus computes it: find the bucket that holds the quantile's rank, then interpolate
    linearly between that bucket's bounds (the first bucket starts at 0). A rank in the last,
    unbounded bucket gives the highest finite bound.
    """
    rank = quantile * cumulative[-1][1]
    lower_bound, below = 0.0, 0.0
    for upper_bound, count in cumulative:
        if count >= rank:
            if math.isinf(upper_bound):
                return lower_bound
            return lower_bound + (upper_bound - lower_bound) * (rank - below) / (count - below)
        lower_bound, below = upper_bound, count
    raise ValueError("a histogram ends with its +Inf bucket, which counts every observation")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_helpers.percentiles", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url", help="the server, e.g. http://127.0.0.1:8100")
    args = parser.parse_args(argv)
    rows = server_percentiles(args.base_url)
    if not rows:
        print("No request has been answered yet.")
        return 0
    print(f"{'endpoint':20} {'requests':>9} " + " ".join(f"{name:>9}" for name in PERCENTILES))
    for row in rows:
        figures = " ".join(f"{row[name]:9.2f}" for name in PERCENTILES)
        print(f"{row['endpoint']:20} {row['requests']:9d} {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
