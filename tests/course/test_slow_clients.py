"""Two slow clients do not take a server offline, wherever the README lets a student expose one.

`make serve-flask HOST=0.0.0.0` (and -django, -streamlit, -fastapi) and `make demo HOST=0.0.0.0` run
each app with the command of ``servers.started``, bound on every interface. A client that sends its
body a byte a second holds a sync gunicorn worker until gunicorn's timeout kills that worker, so
two such clients stopped a server of two sync workers for 30 s. Beyond loopback, Flask and Django
now run on gevent workers; waitress (Windows) reads whole requests before the app runs, and uvicorn
(FastAPI, Streamlit) is asynchronous. Behind nginx, see test_scale_out.py.

Each test: two slow clients on the line, then /api/health. It must answer while both are still
sending: a server that answers only once it has dropped them (a worker killed by its timeout) fails,
however long that takes. No time is measured.
"""

import pytest
import requests

from course_helpers.servers import isolated_environment, started
from tests.support.needs import require_gunicorn
from tests.support.slow_clients import slow_uploads

EXPOSED = {  # what a student can start on 0.0.0.0, as "app-server"
    "flask-gunicorn": ("flask", "gunicorn"),
    "django-gunicorn": ("django", "gunicorn"),
    "flask-waitress": ("flask", "waitress"),
    "fastapi-uvicorn": ("fastapi", None),
    "streamlit-server": ("streamlit", None),
}


@pytest.fixture(scope="module", params=sorted(EXPOSED))
def exposed_server(request, model_dir, tmp_path_factory):
    """One app started as `make serve-<app> HOST=0.0.0.0` starts it; its URL on 127.0.0.1."""
    app, wsgi_server = EXPOSED[request.param]
    if wsgi_server == "gunicorn":
        require_gunicorn()
    environment = isolated_environment(app, tmp_path_factory.mktemp(app), model_dir=model_dir)
    with started(app, environment, host="0.0.0.0", wsgi_server=wsgi_server, timeout=120) as server:
        yield server


def test_two_slow_clients_do_not_stop_the_health_check(exposed_server):
    with slow_uploads(exposed_server.url, count=2) as clients:
        answer = requests.get(f"{exposed_server.url}/api/health", timeout=120)
        still_sending = [client.still_sending() for client in clients]
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert still_sending == [True, True], "the server dropped or answered the slow clients first"

