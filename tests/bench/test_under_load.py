"""Load runs with locust (chapter 07).

No timing is asserted; what is asserted are counts: requests sent, answered and failed.

What happens to those counts when the deployment changes under load (an instance crashed, stopped, or
drained first; POSTs resent by nginx; a new model rolled out) is proved by chapter 07 itself: its cells
print the facts that hold on every run ("crash: failed only requests that were in flight: True",
"failed: 0", "no request failed: True", ...) and nbval compares them with the stored outputs in every
`make test`. Running the same scenarios here again would prove the same things twice.
"""

from bench.locust_run import run_locust
from course_helpers.servers import serving


def test_a_quick_load_run_is_bounded_and_fails_nothing(model_dir):
    """The quick form of the load run: locust headless on loopback, stopped by a request count."""
    with serving("flask", model_dir=model_dir, workers=1) as base_url:
        run = run_locust(base_url, users=2, seconds=20, max_requests=200)
    assert (run["total"]["requests"], run["total"]["failures"]) == (200, 0)
    assert [row["name"] for row in run["rows"]] == ["POST /api/predict · model 1.0.0"]
