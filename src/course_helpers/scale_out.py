"""Several instances of one app behind nginx, on loopback: `make serve-scaled`, chapter 07 and the tests.

``python -m course_helpers.scale_out --instance HOST:PORT …`` prints the configuration for an nginx
of your own (deploy/docker/compose.yaml uses it).

Each instance is the app's usual production server (``servers.started``: gunicorn for Flask and
Django) on a port of its own; nginx listens on one port in front of them and shares the requests
out. Its configuration is the checked-in ``deploy/nginx/penguin.conf``: this module only fills in
what changes from run to run (ports, a scratch folder) and what has its one source elsewhere (the
body limit and the JSON error bodies, from ``api_contract``). Django's instances share one database
and one secret key, as the instances of one site must.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from api_contract import ERROR_STATUS, MAX_BODY_BYTES, error_body, error_message
from course_helpers.processes import free_port, running_server
from course_helpers.servers import REPO_ROOT, isolated_environment, local_url, server_environment, started
from course_helpers.system_programs import install_hint

NGINX_CONFIG = REPO_ROOT / "deploy" / "nginx" / "penguin.conf"
SCALABLE_APPS = ("flask", "django")  # the apps served by gunicorn, which runs one instance per port
# Where nginx lives when it is not on PATH: Debian and Ubuntu put it in sbin, Homebrew in its bin.
NGINX_FOLDERS = ["/usr/sbin", "/usr/local/sbin", "/opt/homebrew/bin", "/usr/local/bin"]
NO_NGINX = f"nginx is not installed: {install_hint('nginx')}."
ON_WINDOWS = "The scale-out runs on Linux and macOS only: its instances are gunicorn, which Windows lacks."
# After one failed attempt an instance is left out for this long (deploy/nginx/penguin.conf explains).
FAIL_SECONDS = 5


def nginx_program():
    """The path of the nginx program, or None when it is not installed."""
    return shutil.which("nginx") or shutil.which("nginx", path=os.pathsep.join(NGINX_FOLDERS))


def why_unavailable():
    """Why the scale-out cannot run on this machine, in a sentence, or None when it can."""
    if sys.platform == "win32":
        return ON_WINDOWS
    return None if nginx_program() else NO_NGINX


def nginx_config(listen, instances, scratch, *, retry_posts=False, down=(), access_log=None):
    """deploy/nginx/penguin.conf with its placeholders filled in, as nginx will read it.

    ``instances`` are addresses (``127.0.0.1:8401``); nginx sends nothing to those in ``down``.
    The access log goes to ``access_log`` (default: ``access.log`` in ``scratch``).
    """
    next_upstream = "error timeout non_idempotent" if retry_posts else "error timeout"
    values = {
        "SCRATCH": Path(scratch).as_posix(),
        "LISTEN": listen,
        "ACCESS_LOG": access_log or f"{Path(scratch).as_posix()}/access.log",
        "INSTANCES": "\n".join(_upstream_server(address, address in down) for address in instances),
        "BODY_LIMIT": str(MAX_BODY_BYTES),
        "NEXT_UPSTREAM": next_upstream,
        "BAD_REQUEST": _nginx_string(contract_error("bad_request")),
        "PAYLOAD_TOO_LARGE": _nginx_string(contract_error("payload_too_large")),
        "SERVICE_UNAVAILABLE": _nginx_string(contract_error("service_unavailable")),
    }
    text = NGINX_CONFIG.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    assert not left, f"deploy/nginx/penguin.conf has placeholders nobody fills in: {left}"
    return text


def _upstream_server(address, down):
    state = "down" if down else f"max_fails=1 fail_timeout={FAIL_SECONDS}s"
    return f"        server {address} {state};"


def contract_error(code):
    """The contract's JSON error body for ``code``, as bytes on one line."""
    assert code in ERROR_STATUS
    return json.dumps(error_body(code, error_message(code))).encode()


def _nginx_string(body):
    # The body goes between single quotes in nginx's file; a quote or a backslash must be escaped.
    return body.decode().replace("\\", "\\\\").replace("'", "\\'")


@dataclass(frozen=True)
class Deployment:
    """nginx at ``url`` in front of ``instances`` (each a ``servers.RunningServer``).

    ``scratch`` holds nginx's configuration and log; ``settings`` are the other arguments of
    ``nginx_config`` it was made with.
    """

    url: str
    instances: list
    nginx: subprocess.Popen
    scratch: Path
    settings: dict

    def access_log(self):
        """nginx's log so far: one dict per request (deploy/nginx/penguin.conf says which keys)."""
        path = self.scratch / "access.log"
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        return [json.loads(line) for line in lines if line.strip()]

    def take_out_of_rotation(self, index, timeout=30):
        """Tell nginx to send instance ``index`` nothing more, and wait until it has reloaded.

        On SIGHUP nginx reads its configuration again, starts new worker processes with it and lets
        the old ones finish the requests they hold: the first step of stopping an instance politely.
        """
        self._write_config(down={self.instances[index].url.removeprefix("http://")})
        old_workers = {child.pid for child in psutil.Process(self.nginx.pid).children()}
        self.nginx.send_signal(signal.SIGHUP)  # posix only: behind_nginx refuses to start on Windows
        deadline = time.monotonic() + timeout
        while old_workers & {child.pid for child in psutil.Process(self.nginx.pid).children()}:
            if time.monotonic() > deadline:
                raise TimeoutError("nginx's old worker processes did not finish in time")
            time.sleep(0.05)

    def _write_config(self, **changes):
        config = nginx_config(**self.settings | changes, scratch=self.scratch)
        (self.scratch / "nginx.conf").write_text(config, encoding="utf-8")


@contextlib.contextmanager
def behind_nginx(app, instances=2, *, port=None, host="127.0.0.1", workers=2, model_dir=None,
                 environment=None, inherit_django_settings=False, retry_posts=False, timeout=60):
    """Start ``instances`` servers of ``app`` and nginx in front of them; yield a ``Deployment``;
    always stop them all.

    nginx listens on ``host:port`` (default: a free port of 127.0.0.1) and the instances on the next
    ports (default: free ones), always on 127.0.0.1: only nginx is meant to be reached. Like
    ``servers.serving``, this process's Django variables are not passed on (a new database in the
    scratch folder) unless ``inherit_django_settings`` is true, as for `make serve-scaled`.
    """
    if app not in SCALABLE_APPS:
        raise ValueError(f"only {' and '.join(SCALABLE_APPS)} run behind nginx here, not {app!r}")
    problem = why_unavailable()
    if problem:
        raise RuntimeError(problem)
    if port:  # a port chosen by a person: the instances on the ports after it, easy to find
        ports = [port + 1 + index for index in range(instances)]
    else:
        port, ports = free_port(host), [free_port() for _ in range(instances)]
    with tempfile.TemporaryDirectory(prefix=f"{app}-nginx-") as folder, contextlib.ExitStack() as stack:
        scratch = Path(folder)
        chosen = {"PENGUIN_MODEL_DIR": str(model_dir)} if model_dir else {}
        if inherit_django_settings:
            shared = server_environment(app, os.environ | chosen | (environment or {}), host=host)
        else:
            shared = isolated_environment(app, scratch, model_dir=model_dir, environment=environment)
        servers = [stack.enter_context(started(app, shared, port=instance_port, workers=workers,
                                               timeout=timeout)) for instance_port in ports]
        addresses = [server.url.removeprefix("http://") for server in servers]
        settings = {"listen": f"{host}:{port}", "instances": addresses, "retry_posts": retry_posts}
        config = scratch / "nginx.conf"
        config.write_text(nginx_config(**settings, scratch=scratch), encoding="utf-8")
        url = local_url(host, port)
        command = [nginx_program(), "-e", "stderr", "-p", str(scratch), "-c", str(config)]
        balancer = stack.enter_context(running_server(command, f"{url}/api/health", cwd=scratch,
                                                      timeout=timeout))
        yield Deployment(url, servers, balancer, scratch, settings)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print deploy/nginx/penguin.conf filled in, for an nginx "
                                                 "of your own (e.g. deploy/docker/compose.yaml).")
    parser.add_argument("--listen", default="127.0.0.1:8400", help="address nginx listens on")
    parser.add_argument("--instance", action="append", required=True, help="HOST:PORT of an instance; repeat")
    # posix only: /tmp is the folder inside the nginx container (deploy/docker), whatever the host.
    parser.add_argument("--scratch", default="/tmp", help="folder for nginx's pid file and temporary data")
    parser.add_argument("--access-log", help="where nginx logs each request (default: in the scratch folder)")
    args = parser.parse_args(argv)
    print(nginx_config(args.listen, args.instance, args.scratch, access_log=args.access_log), end="")


if __name__ == "__main__":
    main()
