"""The real Streamlit server for tests: the `make serve-streamlit` command, on a free port."""

import contextlib
import os

from penguin_model.serving import free_port, python_command, running_server

from .conftest import APP_DIR

REPO_ROOT = APP_DIR.parents[1]


def streamlit_command(port):
    """The Makefile's command, run with this interpreter so the test uses the same packages."""
    return python_command(
        "-m", "streamlit", "run", str(APP_DIR / "app.py"), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.maxUploadSize", "2",
        "--server.address", "127.0.0.1", "--server.port", str(port),
    )


@contextlib.contextmanager
def streamlit_server(model_dir):
    """Yield the base URL of a running app that serves the model in ``model_dir``; stop it after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = os.environ | {"PENGUIN_MODEL_DIR": str(model_dir)}
    with running_server(streamlit_command(port), f"{url}/_stcore/health", env=environment, cwd=REPO_ROOT):
        yield url
