"""Load runs with locust, and the deployment changing under them (chapter 07).

No timing is asserted; what is asserted are counts: requests sent, answered and failed.
"""

import pytest

from bench.locust_run import run_locust
from bench.under_load import roll_out_under_load, stop_instance_under_load
from course_helpers.scale_out import behind_nginx
from course_helpers.servers import serving
from penguin_model import publish_model
from tests.support.needs import require_nginx

USERS = 8
SECONDS = 4  # of load in each run; the instance is stopped about 2 s in


@pytest.fixture
def two_instances(model_dir):
    require_nginx()
    with behind_nginx("flask", instances=2, model_dir=model_dir) as deployment:
        yield deployment


def test_a_quick_load_run_is_bounded_and_fails_nothing(model_dir):
    """The quick form of the load run: locust headless on loopback, stopped by a request count."""
    with serving("flask", model_dir=model_dir, workers=1) as base_url:
        run = run_locust(base_url, users=2, seconds=20, max_requests=200)
    assert (run["total"]["requests"], run["total"]["failures"]) == (200, 0)
    assert [row["name"] for row in run["rows"]] == ["POST /api/predict · model 1.0.0"]


def test_a_crash_fails_only_the_requests_the_instance_held(two_instances):
    """nginx cannot resend a POST that reached the crashed instance; every other request is answered."""
    outcome = stop_instance_under_load(two_instances, "crash", users=USERS, seconds=SECONDS)
    assert outcome["sent"] == outcome["answered"] + outcome["failed"]
    # Each simulated user waits for its answer, so at most USERS requests were in flight at the crash.
    assert outcome["failed"] <= USERS, outcome
    assert outcome["answered"] > 10 * USERS, "the other instance went on answering"
    failed = [entry for entry in two_instances.access_log() if entry["status"] != 200]
    assert {(entry["status"], entry["upstream_status"]) for entry in failed} <= {(502, "502")}, failed


def test_an_instance_drained_first_stops_without_a_failed_request(two_instances):
    outcome = stop_instance_under_load(two_instances, "drained", users=USERS, seconds=SECONDS)
    assert outcome["failed"] == 0, outcome["failures"]
    assert outcome["answered"] > 0


def test_resending_posts_saves_the_requests_a_crash_held(model_dir):
    """With `non_idempotent` nginx resends them to the other instance (safe if requests change nothing)."""
    require_nginx()
    with behind_nginx("flask", instances=2, model_dir=model_dir, retry_posts=True) as deployment:
        outcome = stop_instance_under_load(deployment, "crash", users=USERS, seconds=SECONDS)
    assert outcome["failed"] == 0, outcome["failures"]


def test_a_new_model_rolls_out_under_load_without_a_failed_request(models_copy, training_result):
    """Publish a release without switching to it; under load, switch the pointer and reload each instance
    in turn: both versions answer, no request fails.
    """
    require_nginx()
    pipeline, card, _ = training_result  # what `python -m penguin_model.train --model-version 1.2.0` saves
    release = publish_model(pipeline, card | {"model_version": "1.2.0"}, models_copy, make_current=False)
    with behind_nginx("flask", instances=2, model_dir=models_copy) as deployment:
        outcome = roll_out_under_load(deployment, release, models_copy, users=USERS, seconds=6)
    assert outcome["failed"] == 0, outcome["failures"]
    assert set(outcome["answers per model version"]) == {"1.1.0", "1.2.0"}, outcome
    assert all(instance["first new answer (s)"] is not None for instance in outcome["instances"]), outcome
