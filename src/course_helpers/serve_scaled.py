"""``python -m course_helpers.serve_scaled flask|django --instances 2 --port 8400``: `make serve-scaled`.

It starts the instances and nginx in front of them (``scale_out.behind_nginx``), prints where each
one listens, and keeps them running until Ctrl-C, which stops every process it started.
"""

import argparse
import signal
import sys
import time

from course_helpers.scale_out import SCALABLE_APPS, behind_nginx, why_unavailable
from course_helpers.servers import APP_NAMES, shown

DEFAULT_PORT = 8400


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve one app from several instances behind nginx.")
    parser.add_argument("app", choices=SCALABLE_APPS)
    parser.add_argument("--instances", type=int, default=2, help="how many servers behind nginx (default 2)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"nginx's port (default {DEFAULT_PORT}); the instances take the next ones")
    parser.add_argument("--host", default="127.0.0.1", help="nginx's address (default: this machine)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes per instance")
    args = parser.parse_args(argv)
    problem = why_unavailable()
    if problem:
        parser.exit(2, problem + "\n")
    # Ctrl-C in a terminal and `kill` both end the wait below, and then every process is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Starting {args.instances} {APP_NAMES[args.app]} instances and nginx…", flush=True)
    try:
        with behind_nginx(args.app, args.instances, port=args.port, host=args.host, workers=args.workers,
                          inherit_django_settings=True) as deployment:
            describe(deployment)
            wait_while_all_run([deployment.nginx, *(instance.process for instance in deployment.instances)])
            print("A process stopped on its own, so the others are being stopped too.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:  # Ctrl-C, at any moment: the with block has stopped every process
        print("\nStopped nginx and the instances.", flush=True)
        return 0


def describe(deployment):
    """Say where nginx and each instance listen, and what to press to stop."""
    print(f"nginx at {deployment.url}/ in front of:")
    for number, instance in enumerate(deployment.instances, start=1):
        # The pid lets a demo stop one instance by hand: `kill -TERM <pid>` gracefully, or as a crash
        # would, workers and master at once: `pkill -KILL -P <pid>; kill -KILL <pid>`.
        print(f"  instance {number} at {instance.url}/  (gunicorn master, pid {instance.process.pid})")
    print(f"Each instance runs: {shown(deployment.instances[0].process.args)} (with its own port)")
    print(f"nginx logs each request in {deployment.scratch / 'access.log'}")
    print("Ctrl-C stops them all.", flush=True)


def wait_while_all_run(processes):
    """Return as soon as one of ``processes`` has ended."""
    while all(process.poll() is None for process in processes):
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
