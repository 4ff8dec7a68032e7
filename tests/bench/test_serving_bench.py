"""The serving benchmark in quick mode: every server under the same load, and its run read back.

One quick run (about half a minute) serves every test of this file; no figure is asserted, only that
every server answered every request, what the table says of each server, and that the run reads back.
"""

import pytest

from bench.cpu import OTHER_CPU
from bench.document import document
from bench.load import NO_WRK, put_under_load, wrk_available
from bench.serving import BASELINE, SERVERS
from bench.summary import CPU, THROUGHPUT, serving_summary, verdict_sentence
from bench.tables import serving_table
from course_helpers.servers import serving
from tests.bench.running import run_bench
from tests.support.needs import skip_on_windows_else_require


@pytest.fixture(scope="module")
def needs_wrk():
    skip_on_windows_else_require(None if wrk_available() else NO_WRK)


@pytest.fixture(scope="module")
def stored_run(model_dir, tmp_path_factory, needs_wrk):
    """(folder, rows) of one quick serving run, made as a person makes it: ``python -m bench serving``."""
    folder = tmp_path_factory.mktemp("results")
    return folder, run_bench("serving", model_dir, folder)


@pytest.fixture(scope="module")
def stored(stored_run):
    return stored_run[0]


@pytest.fixture(scope="module")
def rows(stored_run):
    return stored_run[1]


def test_every_server_answered_every_request(rows):
    assert [row["server"] for row in rows] == [server.name for server in SERVERS]
    assert all(int(row["requests"]) > 0 for row in rows)
    assert [row["errors"] for row in rows] == ["0"] * len(rows), "every request under load got a 200"


def test_every_server_used_cpu_time_for_each_request(rows):
    assert all(float(row[CPU]) > 0 for row in rows)
    assert all(float(row[OTHER_CPU]) >= 0 for row in rows)


def test_gunicorn_closes_each_connection_and_the_asgi_servers_keep_them(rows):
    """What the table says of each server is what it did: sync gunicorn workers answer with Connection:
    close, uvicorn and Streamlit's server keep the connection for the next request."""
    alive = {row["server"]: row["keeps connections alive"] for row in rows}
    assert {name for name, kept in alive.items() if kept == "no"} == {
        BASELINE, "Flask (gunicorn)", "Django (gunicorn)", "Django, not storing (gunicorn)"}


def test_each_server_had_its_stated_worker_processes(rows):
    assert {row["server"]: int(row["worker processes"]) for row in rows} == {
        server.name: server.workers for server in SERVERS}


def test_the_run_reads_back_paired_with_the_baseline_of_its_round(stored, rows):
    summary = serving_summary(folder=stored, mode="quick")
    assert list(summary["server"]) == [server.name for server in SERVERS]
    baseline = float(next(row["requests/s"] for row in rows if row["server"] == BASELINE))
    for row in rows:
        measured = summary.loc[summary["server"] == row["server"], THROUGHPUT].iloc[0]
        assert measured.median == pytest.approx(float(row["requests/s"]) / baseline)
        assert measured.runs == 1


def test_one_run_is_never_enough_for_a_verdict(stored):
    sentence = verdict_sentence("Flask (gunicorn)", "Django (gunicorn)", folder=stored, mode="quick")
    assert sentence.startswith("Flask (gunicorn) against Django (gunicorn)")
    assert sentence.endswith("not apart.")


def test_a_quick_run_is_not_taken_for_a_stored_full_one(stored):
    assert serving_table(folder=stored).empty
    assert "No full run stored yet." in document(stored, old_run=stored / "none")


def test_load_without_a_body_sends_gets(model_dir, needs_wrk):
    # /api/health answers GET only: a POST would come back 405 and count as a bad status.
    with serving("flask", model_dir=model_dir, workers=1) as base_url:
        figures = put_under_load(f"{base_url}/api/health", 2, 1, body=None)
    assert figures["requests"] > 0
    assert figures["bad_status"] == figures["socket_errors"] == 0
