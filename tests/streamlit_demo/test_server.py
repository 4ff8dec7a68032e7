"""The real server, started by the same `streamlit run` command as `make serve-streamlit`."""

import pytest
import requests

from course_helpers.servers import serving


@pytest.fixture(scope="module")
def server_url(model_dir):
    with serving("streamlit", model_dir=model_dir) as url:
        yield url


def test_the_health_endpoint_answers_ok(server_url):
    response = requests.get(f"{server_url}/_stcore/health", timeout=10)
    assert (response.status_code, response.text) == (200, "ok")


def test_the_page_is_served_as_html(server_url):
    response = requests.get(server_url, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert '<div id="root">' in response.text


def test_streamlit_has_no_rest_api_for_predictions(server_url):
    """Streamlit serves a UI over a WebSocket: a POST is refused, a GET gets the page, never JSON."""
    post = requests.post(f"{server_url}/api/predict", json={}, timeout=10)
    get = requests.get(f"{server_url}/api/predict", timeout=10)
    assert post.status_code == 405
    assert "application/json" not in post.headers.get("Content-Type", "")
    assert get.headers["Content-Type"].startswith("text/html")

