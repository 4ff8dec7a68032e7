"""One penguin and a batch of 1000, predicted in-process: the fast path against the scikit-learn pipeline;
and a request's whole work without HTTP (parse the body, validate, predict, encode the answer), the
in-process reference for the serving benchmark's CPU time per request.

Each case is timed ``repeats`` times (an odd number, so the median is one of them), each timing long
enough (about 0.1 s of calls) for the clock not to matter.
"""

import json
import statistics
import timeit

from api_contract import parse_json_body, validate_predict_body
from penguin_model import load_model
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

REQUEST_WORK = "a request's work (parse, validate, predict, encode)"


def measure(full=False):
    """Rows of the prediction table: best, median and worst time per call, over repeated timings."""
    fast, pipeline = load_model(fast=True), load_model(fast=False)
    one = fast.validate(GENTOO)
    batch = [fast.validate(penguin) for penguin in [ADELIE, CHINSTRAP, GENTOO]] * 334
    batch = batch[:1000]
    body = json.dumps(GENTOO).encode()
    repeats = 7 if full else 3
    cases = [
        ("validate 1 penguin", lambda: fast.validate(GENTOO), 1),
        ("fast path, 1 penguin", lambda: fast.predict(one), 1),
        ("pipeline, 1 penguin", lambda: pipeline.predict(one), 1),
        ("fast path, 1000 penguins", lambda: fast.predict_batch(batch), 1000),
        ("pipeline, 1000 penguins", lambda: pipeline.predict_batch(batch), 1000),
        (f"{REQUEST_WORK}, fast path", lambda: _request_work(fast, body), 1),
        (f"{REQUEST_WORK}, pipeline", lambda: _request_work(pipeline, body), 1),
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


def _request_work(model, body):
    """What every app does for one POST /api/predict, without HTTP and without a framework."""
    features = validate_predict_body(parse_json_body(body), model)
    return json.dumps(model.predict(features) | {"model_version": model.version})


def _calls_per_timing(call):
    """Enough calls for one timing to last about 0.1 s."""
    seconds = timeit.timeit(call, number=1)
    return max(1, int(0.1 / max(seconds, 1e-6)))
