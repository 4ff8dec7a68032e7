"""The real server, started by the same `streamlit run` command as `make serve-streamlit`, and the same
st.App under plain uvicorn with two workers (``streamlit_server="uvicorn"``): both serve it all.
"""

import pytest
import requests

from course_helpers.servers import serving
from penguin_model.examples import GENTOO


@pytest.fixture(scope="module", params=[("streamlit", 1), ("uvicorn", 2)], ids=["streamlit-run", "uvicorn"])
def server_url(request, model_dir):
    streamlit_server, workers = request.param
    with serving("streamlit", model_dir=model_dir, streamlit_server=streamlit_server, workers=workers) as url:
        yield url


def test_the_health_endpoint_answers_ok(server_url):
    response = requests.get(f"{server_url}/_stcore/health", timeout=10)
    assert (response.status_code, response.text) == (200, "ok")


def test_the_page_is_served_as_html(server_url):
    response = requests.get(server_url, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert '<div id="root">' in response.text


def test_the_same_port_serves_the_pages_and_the_json_api(server_url):
    """`make serve-streamlit` runs server.py: the pages as ever, and the contract's API under /api/."""
    page = requests.get(f"{server_url}/batch", timeout=10)
    answer = requests.post(f"{server_url}/api/predict", json=GENTOO, timeout=10)
    assert page.headers["Content-Type"].startswith("text/html")
    assert (answer.status_code, answer.json()["species"]) == (200, "Gentoo")


def test_paths_outside_the_api_keep_streamlits_own_answers(server_url):
    """Only /api/ is handed to the API: Streamlit still refuses a traversal pattern in its own paths."""
    answer = requests.get(f"{server_url}/..%2f..%2fetc%2fpasswd", timeout=10)
    assert (answer.status_code, answer.text) == (400, "Bad Request")

