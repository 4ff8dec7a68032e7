"""``python -m course_helpers.serve_scaled flask|django --instances 2 --port 8400``: `make serve-scaled`.

It starts the instances and nginx in front of them (``scale_out.behind_nginx``), prints where each
one listens, how to trust the course's certificate and where the logs are, and keeps them running
until Ctrl-C, which stops every process it started.

The logs go to ``var/serve-scaled/<app>/`` in the repository (git-ignored), emptied at each start:
a fixed place a student can ``tail -f`` from another terminal, and read after Ctrl-C, until the
next start replaces them. PENGUIN_ALLOWED_HOSTS (comma-separated) adds Host names to the ones
nginx serves, e.g. this machine's address for a classroom (with ``HOST=0.0.0.0``);
PENGUIN_ADMIN_NETWORKS (comma-separated addresses or networks) lets more than this machine open
Django's admin.
"""

import argparse
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from course_helpers.scale_out import SCALABLE_APPS, EdgeRules, behind_nginx, why_unavailable
from course_helpers.servers import APP_NAMES, REPO_ROOT, shown

DEFAULT_PORT = 8400
DEFAULT_HTTP_PORT = 8480
LOGS_FOLDER = REPO_ROOT / "var" / "serve-scaled"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve one app from several instances behind nginx.")
    parser.add_argument("app", choices=SCALABLE_APPS)
    parser.add_argument("--instances", type=int, default=2, help="how many servers behind nginx (default 2)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"nginx's HTTPS port (default {DEFAULT_PORT}); the instances take the next ones")
    parser.add_argument("--http-port", type=int, default=DEFAULT_HTTP_PORT,
                        help=f"nginx's plain HTTP port, redirecting to HTTPS (default {DEFAULT_HTTP_PORT})")
    parser.add_argument("--host", default="127.0.0.1", help="nginx's address (default: this machine)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes per instance")
    args = parser.parse_args(argv)
    problem = why_unavailable()
    if problem:
        parser.exit(2, problem + "\n")
    rules = edge_rules(os.environ)
    logs = fresh_logs_folder(args.app)
    # Ctrl-C in a terminal and `kill` both end the wait below, and then every process is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Starting {args.instances} {APP_NAMES[args.app]} instances and nginx…", flush=True)
    try:
        with behind_nginx(args.app, args.instances, port=args.port, http_port=args.http_port, host=args.host,
                          workers=args.workers, inherit_django_settings=True, rules=rules,
                          logs=logs) as deployment:
            describe(deployment)
            wait_while_all_run([deployment.nginx, *(instance.process for instance in deployment.instances)])
            print(f"A process stopped on its own, so the others are being stopped too; see {relative(logs)}.",
                  file=sys.stderr)
            return 1
    except KeyboardInterrupt:  # Ctrl-C, at any moment: the with block has stopped every process
        print(f"\nStopped nginx and the instances. Their logs stay in {relative(logs)}/.", flush=True)
        return 0


def edge_rules(environment):
    """The course's rules, with the hosts of PENGUIN_ALLOWED_HOSTS and PENGUIN_ADMIN_NETWORKS' networks."""
    defaults = EdgeRules()
    hosts = defaults.hosts + _listed(environment.get("PENGUIN_ALLOWED_HOSTS", ""))
    networks = defaults.admin_networks + _listed(environment.get("PENGUIN_ADMIN_NETWORKS", ""))
    return EdgeRules(hosts=tuple(dict.fromkeys(hosts)), admin_networks=tuple(dict.fromkeys(networks)))


def _listed(text):
    return tuple(item.strip() for item in text.split(",") if item.strip())


def fresh_logs_folder(app):
    """``var/serve-scaled/<app>/``, emptied: this run's logs only."""
    folder = LOGS_FOLDER / app
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def describe(deployment):
    """Say where nginx and each instance listen, how to trust the certificate, where the logs are."""
    print(f"nginx at {deployment.url}/ in front of:  ({deployment.http_url}/ redirects there)")
    for number, instance in enumerate(deployment.instances, start=1):
        # The pid lets a demo stop one instance by hand: `kill -TERM <pid>` gracefully, or as a crash
        # would, workers and master at once: `pkill -KILL -P <pid>; kill -KILL <pid>`.
        print(f"  instance {number} at {instance.url}/  (gunicorn master, pid {instance.process.pid})")
    print(f"Each instance runs: {shown(deployment.instances[0].process.args)} (with its own port)")
    hosts = ", ".join(deployment.settings["rules"].hosts)
    print(f"TLS: the course's own certificate for {hosts}; a browser warns that it does not know who "
          "signed it.")
    print(f"Programs trust it with its CA: curl --cacert {relative(deployment.ca_file)} "
          f"{deployment.url}/api/health")
    print(f"Logs (tail -f them): {relative(deployment.logs)}/ holds access.log (nginx, one JSON line per "
          "request), error.log (nginx) and instance-1.log … (each instance's output)")
    print("Ctrl-C stops them all.", flush=True)


def relative(path):
    """``path`` as a person types it in the repository's folder."""
    path = Path(path)
    return path.relative_to(REPO_ROOT).as_posix() if path.is_relative_to(REPO_ROOT) else str(path)


def wait_while_all_run(processes):
    """Return as soon as one of ``processes`` has ended."""
    while all(process.poll() is None for process in processes):
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
