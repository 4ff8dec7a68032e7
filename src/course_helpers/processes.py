"""Start a real server as a child process, wait until it answers, and always stop it.

Notebooks, tests and benchmarks use this so that every server they start runs on a free port
on 127.0.0.1, is polled until ready (a server may accept connections before it can answer),
and is stopped even when the code using it fails.
"""

import contextlib
import socket
import subprocess
import sys
import tempfile
import time

import requests


class ServerDidNotStart(RuntimeError):
    """The server exited or did not answer in time; the message includes its output."""


def free_port(host="127.0.0.1"):
    """A TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def port_is_free(port, host="127.0.0.1"):
    """Whether a server could listen on ``host:port`` now (a port some server listens on is not free)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers do: a port that only holds connections closing after a restart (TIME_WAIT) is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


@contextlib.contextmanager
def running_server(command, ready_url, *, timeout=60, env=None, cwd=None, new_session=False, log_path=None,
                   verify=True):
    """Run ``command`` until the ``with`` block ends; yield the process once ``ready_url`` answers 200.

    The server's output goes to a file (a pipe nobody reads would fill up and block the server):
    ``log_path``, which stays for a person to read, or else a temporary file; ``server_output(process)``
    reads it. ``new_session`` gives the command a process group of its own, which a test can send
    Ctrl-C's SIGINT to as a terminal would. ``verify`` is what ``requests`` checks an HTTPS
    ``ready_url``'s certificate with (a CA file).
    """
    with _output_file(log_path) as log:
        # posix only: new_session is asked for by tests that send SIGINT to a group (Windows ignores it).
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=new_session)
        process.log = log
        try:
            wait_until_ready(process, ready_url, timeout, verify=verify)
            yield process
        finally:
            stop(process)


def _output_file(log_path):
    """Where a server writes: ``log_path``, kept after the server stops, or a temporary file, deleted then."""
    if log_path:
        return open(log_path, "w+", encoding="utf-8", errors="replace")
    return tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")


def wait_until_ready(process, url, timeout, *, verify=True):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = server_output(process)
            raise ServerDidNotStart(f"The server exited with code {process.returncode}:\n{output}")
        try:
            if requests.get(url, timeout=2, verify=verify).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or still importing scikit-learn
        time.sleep(0.05)  # a refused connection costs microseconds; every server start waits half this
    stop(process)
    raise ServerDidNotStart(f"No answer from {url} within {timeout} s:\n{server_output(process)}")


def stop(process, grace=10):
    """Ask the process to stop; kill it if it has not stopped within ``grace`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_output(process, limit=4000):
    """The last ``limit`` characters the server printed so far."""
    process.log.flush()
    process.log.seek(0)
    return process.log.read()[-limit:]


def python_command(*arguments):
    """A command that runs this interpreter, so a child uses the same environment."""
    return [sys.executable, *arguments]
