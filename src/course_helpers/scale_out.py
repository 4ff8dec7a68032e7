"""Several instances of one app behind nginx, on loopback: `make serve-scaled`, chapter 07 and the tests.

``python -m course_helpers.scale_out --instance HOST:PORT …`` prints the configuration for an nginx
of your own (deploy/docker/compose.yaml uses it).

Each instance is the app's usual production server (``servers.started``: gunicorn for Flask and
Django) on a port of its own, on loopback; nginx listens in front of them, speaks TLS to clients
with the course's local certificate (``certificates``), redirects plain HTTP to HTTPS, and shares
the requests out. Its configuration is the checked-in ``deploy/nginx/penguin.conf``: this module
only fills in what changes from run to run (ports, folders, the certificate), the rules of
``EdgeRules`` (hosts, networks, limits), and what has its one source elsewhere (the body limit and
the JSON error bodies, from ``api_contract``). The instances run their production settings: Django's
``config.settings_production``, which passes ``manage.py check --deploy``; Flask's TRUSTED_HOSTS.
Django's instances share one database and one secret key, as the instances of one site must.
"""

import argparse
import contextlib
import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from api_contract import ERROR_STATUS, MAX_BODY_BYTES, error_body, error_message
from course_helpers.certificates import (
    LOCAL_HOSTS,
    NO_OPENSSL,
    Certificate,
    local_certificate,
    openssl_program,
)
from course_helpers.processes import free_port, running_server
from course_helpers.servers import (
    PRODUCTION_SETTINGS,
    REPO_ROOT,
    isolated_environment,
    local_url,
    prepare,
    server_environment,
    started,
)
from course_helpers.system_programs import install_hint

NGINX_CONFIG = REPO_ROOT / "deploy" / "nginx" / "penguin.conf"
SCALABLE_APPS = ("flask", "django")  # the apps served by gunicorn, which runs one instance per port
# Where nginx lives when it is not on PATH: Debian and Ubuntu put it in sbin, Homebrew in its bin.
NGINX_FOLDERS = ["/usr/sbin", "/usr/local/sbin", "/opt/homebrew/bin", "/usr/local/bin"]
NO_NGINX = f"nginx is not installed: {install_hint('nginx')}."
ON_WINDOWS = "The scale-out runs on Linux and macOS only: its instances are gunicorn, which Windows lacks."
# After one failed attempt an instance is left out for this long (deploy/nginx/penguin.conf explains).
FAIL_SECONDS = 5
# How long nginx keeps the addresses a DNS name gave (with --resolver): a new replica is found this fast.
RESOLVE_SECONDS = 10
# nginx's address as the instances see it: the only client whose X-Forwarded-For, X-Forwarded-Proto and
# X-Request-ID they believe (PENGUIN_TRUSTED_PROXIES, read by the apps).
NGINX_ADDRESS = "127.0.0.1"
TRUSTED_PROXIES_VARIABLE = "PENGUIN_TRUSTED_PROXIES"
LOOPBACK = ("127.0.0.1", "::1")
# What a redirect from the plain HTTP port says, in JSON like everything nginx writes (not an error).
MOVED_BODY = {"message": "This address has moved; the Location header gives the new one (HTTPS)."}
# The contract's errors nginx answers by itself (deploy/nginx/penguin.conf maps each status to one).
NGINX_ERRORS = ("bad_request", "https_required", "permission_denied", "payload_too_large",
                "too_many_requests", "internal_error", "bad_gateway", "gateway_timeout",
                "service_unavailable")


@dataclass(frozen=True)
class EdgeRules:
    """What nginx lets through, beyond TLS: deploy/nginx/penguin.conf says why each rule is there.

    ``hosts``: the Host names served (also the certificate's names, Django's ALLOWED_HOSTS and
    Flask's TRUSTED_HOSTS); ``admin_networks``: addresses or networks (CIDR) that may open /admin/;
    ``unlimited``: addresses whose requests are not rate-limited (this machine: the load tests);
    then the limits per client address, in nginx's words (``50r/s``, ``6r/m``).
    """

    hosts: tuple = LOCAL_HOSTS
    admin_networks: tuple = LOOPBACK
    unlimited: tuple = LOOPBACK
    request_rate: str = "50r/s"
    request_burst: int = 100
    connections_per_address: int = 32
    login_rate: str = "6r/m"
    login_burst: int = 3

    def __post_init__(self):
        if min(self.request_burst, self.login_burst) < 1:
            raise ValueError("nginx's limit_req needs a burst of at least 1")


def nginx_program():
    """The path of the nginx program, or None when it is not installed."""
    return shutil.which("nginx") or shutil.which("nginx", path=os.pathsep.join(NGINX_FOLDERS))


def why_unavailable():
    """Why the scale-out cannot run on this machine, in a sentence, or None when it can."""
    if sys.platform == "win32":
        return ON_WINDOWS
    if not nginx_program():
        return NO_NGINX
    return None if openssl_program() else NO_OPENSSL


def nginx_config(listen, listen_http, instances, scratch, *, certificate, rules=EdgeRules(),
                 retry_posts=False, down=(), access_log=None, error_log=None, resolver=None):
    """deploy/nginx/penguin.conf with its placeholders filled in, as nginx will read it.

    nginx speaks TLS on ``listen`` with ``certificate`` (a ``certificates.Certificate``) and plain HTTP on
    ``listen_http``; ``instances`` are addresses (``127.0.0.1:8401``), and nginx sends nothing to those
    in ``down``. The logs go to ``access_log`` and ``error_log`` (default: files in ``scratch``). With
    ``resolver`` (a DNS server's address, e.g. Docker's 127.0.0.11), nginx looks the instances' names up
    again while it runs (nginx 1.27.3 or later).
    """
    folder = Path(scratch).as_posix()
    next_upstream = "error timeout http_503" + (" non_idempotent" if retry_posts else "")
    values = {
        "SCRATCH": folder,
        "LISTEN": listen,
        "LISTEN_HTTP": listen_http,
        "HTTPS_PORT": listen.rsplit(":", 1)[1],
        "CERTIFICATE": Path(certificate.certificate).as_posix(),
        "CERTIFICATE_KEY": Path(certificate.key).as_posix(),
        "ACCESS_LOG": access_log or f"{folder}/access.log",
        "ERROR_LOG": error_log or f"{folder}/error.log",
        "HOSTS": _lines(f"{host.lower()} 1;" for host in rules.hosts),
        "UNLIMITED": _lines(f"{network} 1;" for network in rules.unlimited),
        "ADMIN_NETWORKS": _lines(f"{network} 1;" for network in rules.admin_networks),
        "REQUEST_RATE": rules.request_rate,
        "REQUEST_BURST": str(rules.request_burst),
        "CONNECTIONS_PER_ADDRESS": str(rules.connections_per_address),
        "LOGIN_RATE": rules.login_rate,
        "LOGIN_BURST": str(rules.login_burst),
        "RESOLVER": (f"    resolver {resolver} valid={RESOLVE_SECONDS}s;" if resolver
                     else "    # (instances given by address: no resolver)"),
        "INSTANCES": "\n".join(_upstream_server(address, address in down, resolve=bool(resolver))
                                for address in instances),
        "BODY_LIMIT": str(MAX_BODY_BYTES),
        "NEXT_UPSTREAM": next_upstream,
        "MOVED_TO_HTTPS": _nginx_string(json.dumps(MOVED_BODY).encode()),
    }
    for code in NGINX_ERRORS:
        values[code.upper()] = _nginx_string(contract_error(code))
    text = NGINX_CONFIG.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    assert not left, f"deploy/nginx/penguin.conf has placeholders nobody fills in: {left}"
    return text


def _lines(entries):
    return "\n".join(f"        {entry}" for entry in entries)


def _upstream_server(address, down, *, resolve=False):
    state = "down" if down else f"max_fails=1 fail_timeout={FAIL_SECONDS}s"
    return f"        server {address} {state}{' resolve' if resolve else ''};"


def contract_error(code):
    """The contract's JSON error body for ``code``, as bytes on one line."""
    assert code in ERROR_STATUS
    return json.dumps(error_body(code, error_message(code))).encode()


def _nginx_string(body):
    # The body goes between single quotes in nginx's file; a quote or a backslash must be escaped.
    return body.decode().replace("\\", "\\\\").replace("'", "\\'")


def instances_environment(app, scratch, *, hosts=LOCAL_HOSTS, inherit_django_settings=False, model_dir=None,
                          environment=None, host="127.0.0.1"):
    """The environment every instance of ``app`` behind nginx runs with.

    Their production settings: Django's ``config.settings_production`` (static files collected into
    ``scratch``/static, or into the project's git-ignored ``staticfiles`` folder when
    ``inherit_django_settings``), only ``hosts`` allowed (Django's ALLOWED_HOSTS, Flask's
    TRUSTED_HOSTS), and nginx as the one proxy they trust. Like ``servers.serving``, this process's
    Django variables are not passed on (a new database in ``scratch``) unless ``inherit_django_settings``
    is true, as for `make serve-scaled`. ``environment`` has the last word.
    """
    chosen = {"PENGUIN_MODEL_DIR": str(model_dir)} if model_dir else {}
    if inherit_django_settings:
        base = server_environment(app, os.environ | chosen, host=host)
    else:
        base = isolated_environment(app, scratch, model_dir=model_dir)
        base["DJANGO_STATIC_ROOT"] = str(Path(scratch) / "static")
    behind_nginx_settings = {TRUSTED_PROXIES_VARIABLE: NGINX_ADDRESS}
    if app == "flask":
        # Read by create_app through from_prefixed_env, as JSON.
        behind_nginx_settings["PENGUIN_FLASK_TRUSTED_HOSTS"] = json.dumps(list(hosts))
    if app == "django":
        behind_nginx_settings |= {"DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS,
                                  "DJANGO_ALLOWED_HOSTS": ",".join(hosts)}
    return base | behind_nginx_settings | (environment or {})


@dataclass(frozen=True)
class Deployment:
    """nginx at ``url`` (HTTPS; ``http_url`` redirects there) in front of ``instances`` (each a
    ``servers.RunningServer``).

    ``certificate`` is what nginx serves; a client trusts it with ``ca_file``. ``logs`` holds nginx's
    logs (``access.log``, ``error.log``) and each instance's output (``instance-1.log``, …);
    ``scratch``, the instances' temporary files (Django's SQLite database, ``history.sqlite3``);
    ``nginx_folder``, nginx's configuration (``nginx.conf``) and temporary files; ``settings`` are the
    other arguments of ``nginx_config`` it was made with.
    """

    url: str
    http_url: str
    instances: list
    nginx: subprocess.Popen
    scratch: Path
    nginx_folder: Path
    logs: Path
    certificate: Certificate
    settings: dict = field(default_factory=dict)

    @property
    def ca_file(self):
        """The CA certificate that vouches for nginx's: ``requests.get(url, verify=deployment.ca_file)``."""
        return str(self.certificate.authority)

    def access_log(self):
        """nginx's log so far: one dict per request (deploy/nginx/penguin.conf says which keys)."""
        path = self.logs / "access.log"
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
        config = nginx_config(**self.settings | changes, scratch=self.nginx_folder)
        (self.nginx_folder / "nginx.conf").write_text(config, encoding="utf-8")


@contextlib.contextmanager
def behind_nginx(app, instances=2, *, port=None, http_port=None, host="127.0.0.1", workers=2, model_dir=None,
                 environment=None, inherit_django_settings=False, retry_posts=False, rules=EdgeRules(),
                 logs=None, timeout=60):
    """Start ``instances`` servers of ``app`` and nginx in front of them; yield a ``Deployment``;
    always stop them all.

    nginx speaks HTTPS on ``host:port`` and plain HTTP on ``host:http_port`` (default: free ports of
    127.0.0.1); the instances listen on the ports after ``port`` (default: free ones), always on
    127.0.0.1: only nginx is meant to be reached. ``logs`` is the folder for every log (default: a
    temporary folder, removed at the end). See ``instances_environment`` for the instances' settings.
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
        logs = Path(logs) if logs else scratch
        shared = instances_environment(app, scratch, hosts=rules.hosts, model_dir=model_dir, host=host,
                                       inherit_django_settings=inherit_django_settings,
                                       environment=environment)
        prepare(app, shared)  # once: the instances share one database and one static folder
        servers = [stack.enter_context(started(app, shared, port=instance_port, workers=workers,
                                               log_path=logs / f"instance-{number}.log", prepared=True,
                                               timeout=timeout))
                   for number, instance_port in enumerate(ports, start=1)]
        addresses = [server.url.removeprefix("http://") for server in servers]
        front = stack.enter_context(nginx_in_front(addresses, logs, port=port, http_port=http_port, host=host,
                                                   rules=rules, retry_posts=retry_posts, timeout=timeout))
        yield dataclasses.replace(front, instances=servers, scratch=scratch)


@contextlib.contextmanager
def nginx_in_front(addresses, logs, *, port=None, http_port=None, host="127.0.0.1", rules=EdgeRules(),
                   retry_posts=False, ready_path="/api/health", timeout=60):
    """Start nginx in front of instances already running at ``addresses`` (``127.0.0.1:8401``…);
    yield a ``Deployment`` whose ``instances`` is empty; always stop nginx.

    nginx writes its logs in the folder ``logs``; it speaks HTTPS on ``host:port`` and plain HTTP on
    ``host:http_port`` (default: free ports) and is ready once ``ready_path`` answers 200 through it.
    """
    port, http_port, logs = port or free_port(host), http_port or free_port(host), Path(logs)
    certificate = local_certificate(rules.hosts)
    settings = {"listen": f"{host}:{port}", "listen_http": f"{host}:{http_port}",
                "instances": list(addresses), "certificate": certificate, "rules": rules,
                "retry_posts": retry_posts,
                "access_log": str(logs / "access.log"), "error_log": str(logs / "error.log")}
    url = local_url(host, port).replace("http://", "https://")
    with tempfile.TemporaryDirectory(prefix="nginx-") as folder:
        scratch = Path(folder)
        # Started as root, nginx runs its workers as `nobody`: they must reach the temporary folders
        # nginx makes here for them (a large request body waits in client_body/).
        scratch.chmod(0o711)
        config = scratch / "nginx.conf"
        config.write_text(nginx_config(**settings, scratch=scratch), encoding="utf-8")
        command = [nginx_program(), "-e", str(logs / "error.log"), "-p", str(scratch), "-c", str(config)]
        with running_server(command, url + ready_path, cwd=scratch, timeout=timeout,
                            verify=str(certificate.authority)) as nginx:
            yield Deployment(url, local_url(host, http_port), [], nginx, scratch, scratch, logs, certificate,
                             settings)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print deploy/nginx/penguin.conf filled in, for an nginx "
                                                 "of your own (e.g. deploy/docker/compose.yaml).")
    parser.add_argument("--listen", default="127.0.0.1:8400", help="address nginx speaks HTTPS on")
    parser.add_argument("--listen-http", default="127.0.0.1:8480", help="address of the plain HTTP redirect")
    parser.add_argument("--instance", action="append", required=True, help="HOST:PORT of an instance; repeat")
    # posix only: /tmp is the folder inside the nginx container (deploy/docker), whatever the host.
    parser.add_argument("--scratch", default="/tmp", help="folder for nginx's pid file and temporary data")
    parser.add_argument("--certificate", default="/etc/nginx/tls/server.pem", help="the server's certificate")
    parser.add_argument("--certificate-key", default="/etc/nginx/tls/server.key", help="its private key")
    parser.add_argument("--host-name", action="append", help="a Host name the site answers for; repeat "
                                                             f"(default: {', '.join(LOCAL_HOSTS)})")
    parser.add_argument("--access-log", help="where nginx logs each request (default: in --scratch)")
    parser.add_argument("--error-log", help="where nginx logs its own troubles (default: in --scratch)")
    parser.add_argument("--resolver", help="a DNS server that looks the instances' names up again while "
                                           "nginx runs (Docker's: 127.0.0.11; needs nginx 1.27.3 or later)")
    args = parser.parse_args(argv)
    certificate = Certificate(args.certificate, args.certificate_key, None)
    rules = EdgeRules(hosts=tuple(args.host_name or LOCAL_HOSTS))
    print(nginx_config(args.listen, args.listen_http, args.instance, args.scratch, certificate=certificate,
                       rules=rules, access_log=args.access_log, error_log=args.error_log,
                       resolver=args.resolver), end="")


if __name__ == "__main__":
    main()
