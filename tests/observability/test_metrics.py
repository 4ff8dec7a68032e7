"""GET /metrics, in Prometheus's text format: requests and latency by endpoint, and the model version.

The figures of this test process add up over the tests, so each test compares two scrapes.
"""

import pytest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from werkzeug.test import Client

from api_contract.metrics import METRICS_PATH, MULTIPROCESS_VARIABLE, metrics_app
from penguin_model import save_model
from tests.observability.conftest import ServerLikeClient, database_connections_left_open, sample_values

REQUESTS = "penguin_http_requests_total"
LATENCY_COUNT = "penguin_http_request_duration_seconds_count"


def scrape(client, sample_name=REQUESTS):
    return sample_values(client.get("/metrics").get_data(as_text=True), sample_name)


def scrape_both(client):
    """The request counts and the latency histogram's counts, from one scrape."""
    text = client.get("/metrics").get_data(as_text=True)
    return sample_values(text, REQUESTS), sample_values(text, LATENCY_COUNT)


def labels(**names):
    return frozenset(names.items())


def added(before, after):
    """The samples that grew between two scrapes, and by how much."""
    return {key: value - before.get(key, 0) for key, value in after.items() if value != before.get(key, 0)}


def test_metrics_are_prometheus_text(client):
    """Prometheus's classic text format, which every Prometheus server and most tools read."""
    answer = client.get("/metrics")
    assert (answer.status_code, answer.headers["Content-Type"]) == (200, CONTENT_TYPE_PLAIN_0_0_4)


@pytest.mark.parametrize(("method", "path", "endpoint", "status"), [
    ("GET", "/api/health", "/api/health", "200"),
    ("GET", "/api/openapi.json", "/api/openapi.json", "200"),
    ("GET", "/api/predict", "/api/predict", "405"),
    ("GET", "/", "/", "200"),
])
def test_a_request_is_counted_by_endpoint_method_and_status(client, method, path, endpoint, status):
    before = scrape_both(client)
    client.open(path, method=method)
    after = scrape_both(client)
    scrapes = labels(endpoint="/metrics", method="GET", status="200")  # the first scrape, counted once done
    assert added(before[0], after[0]) == {labels(endpoint=endpoint, method=method, status=status): 1,
                                          scrapes: 1}
    assert added(before[1], after[1]) == {labels(endpoint=endpoint, method=method): 1,
                                          labels(endpoint="/metrics", method="GET"): 1}


def test_unknown_paths_and_methods_share_one_label(client):
    """A client cannot make a new time series per made-up path or method."""
    before = scrape(client)
    for number in range(5):
        client.get(f"/made-up-{number}")
        client.open("/api/health", method=f"BREW{number}")
    grown = added(before, scrape(client))
    made_up = {key: count for key, count in grown.items() if dict(key)["endpoint"] != "/metrics"}
    assert made_up == {labels(endpoint="other", method="GET", status="404"): 5,
                       labels(endpoint="/api/health", method="other", status="405"): 5}


def test_the_served_model_version_is_shown(client, model):
    assert scrape(client, "penguin_model_info")[labels(model_version=model.version)] == 1


def test_a_new_model_under_django_replaces_the_old_version(settings, model_dir, tmp_path, training_result):
    """Django finds its model through its settings at each request, so the version follows a new one."""
    from config.wsgi import application  # here: importing it loads the model the settings name

    settings.PENGUIN_MODEL_DIR = model_dir
    client = ServerLikeClient(application)
    pipeline, card, _ = training_result
    save_model(pipeline, card | {"model_version": "2.0.0"}, tmp_path)
    with database_connections_left_open():
        old_version = client.get("/api/health").json["model_version"]
        settings.PENGUIN_MODEL_DIR = tmp_path
        assert client.get("/api/health").headers["X-Model-Version"] == "2.0.0"
        shown = scrape(client, "penguin_model_info")
    assert (shown[labels(model_version="2.0.0")], shown[labels(model_version=old_version)]) == (1, 0)



def test_a_worker_file_caught_before_it_is_sized_does_not_break_the_scrape(tmp_path, monkeypatch):
    """A reload starts workers while /metrics is read: a new worker's file may exist, still empty."""
    monkeypatch.setenv(MULTIPROCESS_VARIABLE, str(tmp_path))
    (tmp_path / "counter_102.db").touch()
    answer = Client(metrics_app()).get(METRICS_PATH)
    assert answer.status_code == 200, answer.get_data(as_text=True)
