"""One penguin and a batch of 1000, predicted in-process: the fast path against the scikit-learn pipeline."""

import statistics
import timeit

from penguin_model import load_model
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO


def measure(full=False):
    """Rows of the prediction table: best and median time per call, over repeated timings."""
    fast, pipeline = load_model(fast=True), load_model(fast=False)
    one = fast.validate(GENTOO)
    batch = [fast.validate(penguin) for penguin in [ADELIE, CHINSTRAP, GENTOO]] * 334
    batch = batch[:1000]
    repeats = 7 if full else 3
    cases = [
        ("validate 1 penguin", lambda: fast.validate(GENTOO), 1),
        ("fast path, 1 penguin", lambda: fast.predict(one), 1),
        ("pipeline, 1 penguin", lambda: pipeline.predict(one), 1),
        ("fast path, 1000 penguins", lambda: fast.predict_batch(batch), 1000),
        ("pipeline, 1000 penguins", lambda: pipeline.predict_batch(batch), 1000),
    ]
    rows = []
    for name, call, penguins in cases:
        calls = _calls_per_timing(call)
        timings = [seconds / calls for seconds in timeit.repeat(call, number=calls, repeat=repeats)]
        rows.append({
            "what": name,
            "best ms": min(timings) * 1000,
            "median ms": statistics.median(timings) * 1000,
            "worst ms": max(timings) * 1000,
            "µs per penguin": min(timings) / penguins * 1e6,
        })
    return rows


def _calls_per_timing(call):
    """Enough calls for one timing to last about 0.1 s."""
    seconds = timeit.timeit(call, number=1)
    return max(1, int(0.1 / max(seconds, 1e-6)))
