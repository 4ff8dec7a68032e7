"""The real server, started by the same `streamlit run` command as `make serve-streamlit`."""

import os
import subprocess

import pytest
import requests

from penguin_model.serving import free_port, python_command, running_server
from tests.streamlit_demo.conftest import APP_DIR

REPO_ROOT = APP_DIR.parents[1]


def streamlit_command(port):
    """The Makefile's command, run with this interpreter so the test uses the same packages."""
    return python_command(
        "-m", "streamlit", "run", str(APP_DIR / "app.py"), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.maxUploadSize", "2",
        "--server.address", "127.0.0.1", "--server.port", str(port),
    )


@pytest.fixture(scope="module")
def server_url(model_dir):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    with running_server(streamlit_command(port), f"{url}/_stcore/health", env=environment, cwd=REPO_ROOT):
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
    """Streamlit serves a UI over a WebSocket; /api/predict is not something it answers with JSON."""
    response = requests.post(f"{server_url}/api/predict", json={}, timeout=10)
    assert "application/json" not in response.headers.get("Content-Type", "")


def test_the_makefile_runs_the_same_command():
    """`make -n` prints the recipe without running it; its flags must be the ones tested here."""
    recipe = subprocess.run(["make", "-n", "serve-streamlit", "PORT=8124"], cwd=REPO_ROOT,
                            capture_output=True, text=True, check=True).stdout.replace("\\\n", " ")
    command = next(line for line in recipe.splitlines() if "streamlit run" in line).split()
    tested = streamlit_command(8124)
    assert command[1:] == [*tested[3:4], "apps/streamlit_demo/app.py", *tested[5:]]
