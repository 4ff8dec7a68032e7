"""Two slow clients do not take a server offline, wherever the README lets a student expose one.

`make serve-flask HOST=0.0.0.0` (and -django, -streamlit, -fastapi) and `make demo HOST=0.0.0.0` run
each app with the command of ``servers.started``, bound on every interface. A client that sends its
body a byte a second holds a sync gunicorn worker until gunicorn's timeout kills that worker, so
two such clients stopped a server of two sync workers for 30 s. Beyond loopback, Flask and Django
are now served by waitress, which reads whole requests before the app runs (``wsgi_servers``), and
uvicorn (FastAPI, Streamlit) is asynchronous. Behind nginx, see test_scale_out.py.

Each test: two slow clients on the line, then /api/health. It must answer while both are still
sending: a server that answers only once it has dropped them (a worker killed by its timeout) fails,
however long that takes. No time is measured.
"""

import pytest
import requests

from course_helpers.servers import isolated_environment, started
from course_helpers.wsgi_servers import WSGI_SERVER_VARIABLE
from tests.support.slow_clients import slow_uploads

EXPOSED = ("flask", "django", "fastapi", "streamlit")  # what a student can start with HOST=0.0.0.0


@pytest.fixture(scope="module", params=EXPOSED)
def exposed_server(request, model_dir, tmp_path_factory, monkeypatch_module):
    """One app started as `make serve-<app> HOST=0.0.0.0` starts it; its URL on 127.0.0.1."""
    app = request.param
    monkeypatch_module.delenv(WSGI_SERVER_VARIABLE, raising=False)  # the course's own choice
    environment = isolated_environment(app, tmp_path_factory.mktemp(app), model_dir=model_dir)
    with started(app, environment, host="0.0.0.0", timeout=120) as server:
        yield server


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_two_slow_clients_do_not_stop_the_health_check(exposed_server):
    with slow_uploads(exposed_server.url, count=2) as clients:
        answer = requests.get(f"{exposed_server.url}/api/health", timeout=120)
        still_sending = [client.still_sending() for client in clients]
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert still_sending == [True, True], "the server dropped or answered the slow clients first"

