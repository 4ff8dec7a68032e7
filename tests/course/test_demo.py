"""`make demo` for a class: the addresses appear once all three apps answer; stopping is quiet and complete.

Each test starts the real demo (`make demo`, or the module it runs) on free ports and stops it as a person
or a service manager would: Ctrl-C sent to the whole process group, as a terminal does, or SIGTERM.
"""

import contextlib
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest
import requests

from course_helpers.demo import APPS, GOODBYE, START_TIMEOUT
from course_helpers.processes import free_port, port_is_free
from course_helpers.servers import APP_NAMES, HEALTH_PATHS, server_command
from course_helpers.wsgi_servers import WSGI_SERVER_VARIABLE
from penguin_model.data import REPO_ROOT
from tests.support.make_targets import TRAINED_MODEL
from tests.support.needs import posix_only

# Windows has all the demo needs (it serves with waitress there), but not the means these tests press
# Ctrl-C and read output with; the waitress test below runs the demo as it runs there.
pytestmark = posix_only("process groups (os.killpg, start_new_session) and select() on pipes")
READY_LINE = "Ctrl-C stops all three."
ADDRESS = re.compile(r"^\s+(Flask|Streamlit|Django)\s+(http://\S+)/", re.MULTILINE)


@pytest.fixture
def ports():
    return {app: free_port() for app in APPS}


@pytest.fixture
def environment(model_dir, tmp_path):
    """The test's environment without its Django settings, with the test model and a scratch database."""
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    chosen = {"PENGUIN_MODEL_DIR": str(model_dir), "DJANGO_DB_PATH": str(tmp_path / "history.sqlite3")}
    return inherited | chosen


@pytest.fixture
def start(environment):
    """Start a command in a process group of its own, as a terminal starts a command line.

    Whatever a failed test leaves running is killed with its whole group afterwards.
    """
    processes = []

    def start_command(command):
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        processes.append(process)
        return process

    yield start_command
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def demo_module(ports):
    port_options = [f"--{app}-port={port}" for app, port in ports.items()]
    return [sys.executable, "-m", "course_helpers.demo", *port_options]


def read_until(process, text):
    """What ``process`` printed up to ``text``; fail with what it printed if ``text`` never comes."""
    output = ""
    deadline = time.monotonic() + START_TIMEOUT
    while text not in output:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(process.stdout.fileno(), 4096).decode() if ready else ""
        if not chunk:  # no more output, or none in time
            pytest.fail(f"The demo never printed {text!r}. It printed:\n{output}")
        output += chunk
    return output


def rest_of_output(process):
    output, _ = process.communicate(timeout=60)
    return output.decode()


def assert_nothing_left(process, ports):
    """Every process of the demo's group has ended, and every port is free again."""
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
    assert all(port_is_free(port) for port in ports.values()), ports


def test_make_demo_shows_the_addresses_once_all_answer_and_ctrl_c_stops_all_quietly(ports, start):
    # -o: take the trained model as it is; PY: the servers run with this test's Python.
    ports_given = [f"{app.upper()}_PORT={port}" for app, port in ports.items()]
    make = start(["make", "--no-print-directory", "-o", TRAINED_MODEL, "demo",
                  f"PY={sys.executable}", *ports_given])
    shown = read_until(make, READY_LINE)
    addresses = dict(ADDRESS.findall(shown))
    assert addresses == {APP_NAMES[app]: f"http://127.0.0.1:{port}" for app, port in ports.items()}, shown
    for app in APPS:  # the moment the table is printed, every app answers, and its address is a page
        assert requests.get(addresses[APP_NAMES[app]] + HEALTH_PATHS[app], timeout=5).status_code == 200
        page = requests.get(addresses[APP_NAMES[app]] + "/", timeout=5)
        assert (page.status_code, page.headers["Content-Type"].split(";")[0]) == (200, "text/html"), app

    os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    output = shown + rest_of_output(make)
    # GNU make ends itself with the signal it got (the shell sees status 130, and prints nothing);
    # had the demo failed, make would have printed "Error", and "Interrupt" had it died of the signal.
    assert make.returncode == -signal.SIGINT
    assert GOODBYE in output
    for alarming in ("Interrupt", "Error", "Traceback"):
        assert alarming not in output, output
    assert_nothing_left(make, ports)


def test_under_waitress_as_on_windows_the_demo_says_so_and_ctrl_c_stops_all(ports, environment, start):
    """`python -m course_helpers.demo`, the Windows command, with the server Windows gets; Ctrl-C reaches
    every process, as a console's Ctrl-C does there."""
    environment[WSGI_SERVER_VARIABLE] = "waitress"
    demo = start(demo_module(ports))
    shown = read_until(demo, READY_LINE)
    assert "Flask under waitress (" in shown and "Django under waitress (" in shown, shown
    for app, port in ports.items():
        assert requests.get(f"http://127.0.0.1:{port}{HEALTH_PATHS[app]}", timeout=5).status_code == 200
    os.killpg(demo.pid, signal.SIGINT)
    output = shown + rest_of_output(demo)
    assert demo.returncode == 0, output
    assert output.rstrip().endswith(GOODBYE), output
    assert "Traceback" not in output
    assert_nothing_left(demo, ports)


def test_sigterm_stops_the_three_apps_and_the_demo_ends_with_status_0(ports, start):
    demo = start(demo_module(ports))
    shown = read_until(demo, READY_LINE)
    demo.terminate()  # only the demo gets it, as from `kill` or a service manager: it must stop the apps
    output = shown + rest_of_output(demo)
    assert demo.returncode == 0, output
    assert output.rstrip().endswith(GOODBYE), output
    assert_nothing_left(demo, ports)


def test_an_app_that_stops_by_itself_stops_the_demo_which_names_it(ports, start):
    demo = start(demo_module(ports))
    read_until(demo, READY_LINE)
    flask_command = server_command("flask", ports["flask"])
    servers = psutil.Process(demo.pid).children()
    flask_server = next(server for server in servers if server.cmdline() == flask_command)
    flask_server.terminate()
    output = rest_of_output(demo)
    assert demo.returncode == 1
    assert "The Flask app stopped by itself (exit code 0), so the demo stopped the others." in output
    assert "Shutting down: Master" in output, "the end of gunicorn's own output is shown"
    assert_nothing_left(demo, ports)


def test_an_app_that_cannot_start_stops_the_others_and_says_why(ports, environment, start, tmp_path):
    environment["DJANGO_DB_PATH"] = str(tmp_path / "no such folder" / "history.sqlite3")
    demo = start(demo_module(ports))
    output = rest_of_output(demo)
    assert demo.returncode == 1
    assert "The Django app did not start. manage.py migrate failed" in output
    assert "unable to open database file" in output, output
    assert "All three apps answer" not in output
    assert_nothing_left(demo, ports)


def test_a_port_in_use_is_named_before_any_app_starts(ports, start):
    with socket.create_server(("127.0.0.1", ports["streamlit"])):  # some other server
        demo = start(demo_module(ports))
        output = rest_of_output(demo)
    assert demo.returncode == 1
    assert f"In use already: port {ports['streamlit']} (Streamlit)." in output
    assert f"make demo STREAMLIT_PORT={ports['streamlit'] + 1}" in output
    assert "Starting" not in output, "nothing is started"

