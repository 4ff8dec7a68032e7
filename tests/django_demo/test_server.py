"""The project under a real multi-worker gunicorn: no prediction lost under concurrent writes, none doubled.

Every test runs on SQLite and on PostgreSQL (the ``database`` fixture); the rows are counted
straight from the database the server wrote to.
"""

from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests

from api_contract.pages import STATIC_FOLDER, STYLESHEET
from course_helpers.history import stored_predictions
from penguin_model.examples import ADELIE, CHINSTRAP, GENTOO

CONCURRENT_REQUESTS = 60
BATCH = [ADELIE, CHINSTRAP, GENTOO] * 10


def post_all(url, bodies, workers=12):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda body: requests.post(url, json=body, timeout=60).status_code, bodies))


def test_concurrent_predictions_are_all_stored(gunicorn_server):
    """N concurrent single predictions against 3 gunicorn workers -> exactly N history rows."""
    base_url, database = gunicorn_server
    penguins = [(ADELIE, CHINSTRAP, GENTOO)[index % 3] for index in range(CONCURRENT_REQUESTS)]
    statuses = post_all(f"{base_url}/api/predict", penguins)
    assert statuses == [200] * CONCURRENT_REQUESTS
    assert stored_predictions(database, "api") == CONCURRENT_REQUESTS


def test_concurrent_batches_are_all_stored(gunicorn_server):
    """Concurrent batches (long write transactions) lose no row either."""
    base_url, database = gunicorn_server
    statuses = post_all(f"{base_url}/api/predict/batch", [{"instances": BATCH}] * 20)
    assert statuses == [200] * 20
    assert stored_predictions(database, "batch") == 20 * len(BATCH)


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)  # SQLite has no connection to lose
def test_connections_closed_by_postgresql_cost_no_request(gunicorn_server):
    """Workers keep their connections; when PostgreSQL ends them all (as a restart does), no request fails."""
    base_url, database = gunicorn_server
    assert post_all(f"{base_url}/api/predict", [GENTOO] * 12) == [200] * 12  # every worker connected
    with psycopg.connect(database["DJANGO_DATABASE_URL"]) as connection:
        ended = connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                   "datname = current_database() AND pid <> pg_backend_pid()").fetchall()
    assert ended, "the workers held connections"
    assert post_all(f"{base_url}/api/predict", [GENTOO] * 12, workers=1) == [200] * 12


def test_pages_and_static_files_are_served(gunicorn_server):
    """Under gunicorn (DEBUG off): the form, the history, the admin's CSS and the course's stylesheet."""
    base_url, _ = gunicorn_server
    assert "csrfmiddlewaretoken" in requests.get(f"{base_url}/", timeout=30).text
    assert requests.get(f"{base_url}/history/", timeout=30).status_code == 200
    assert requests.get(f"{base_url}/admin/login/", timeout=30).status_code == 200
    assert requests.get(f"{base_url}/static/admin/css/base.css", timeout=30).status_code == 200
    stylesheet = requests.get(f"{base_url}/static/{STYLESHEET}", timeout=30)
    assert stylesheet.status_code == 200
    assert stylesheet.headers["Content-Type"].startswith("text/css")
    assert stylesheet.content == (STATIC_FOLDER / STYLESHEET).read_bytes()


def test_debug_pages_are_off_under_gunicorn(gunicorn_server):
    """An unknown page is a plain 404, not Django's debug page listing the URL patterns."""
    base_url, _ = gunicorn_server
    response = requests.get(f"{base_url}/no-such-page/", timeout=30)
    assert response.status_code == 404
    assert "URLconf" not in response.text



def test_copies_of_one_post_sent_at_once_with_one_key_are_stored_once(gunicorn_server):
    """A client that retries at once (nginx answered 504), 8 copies with one Idempotency-Key over 3 workers:
    one row, and every copy gets the same answer (the copies wait for the first one's transaction)."""
    base_url, database = gunicorn_server
    before = stored_predictions(database, "api")
    headers = {"Idempotency-Key": "retried-after-a-504"}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: requests.post(f"{base_url}/api/predict", json=CHINSTRAP,
                                                        headers=headers, timeout=60), range(8)))
    assert [answer.status_code for answer in answers] == [200] * 8
    assert len({answer.content for answer in answers}) == 1
    assert stored_predictions(database, "api") == before + 1
