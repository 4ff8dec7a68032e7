"""CPU time, read from the operating system: what a server used per request, and what else ran meanwhile.

Throughput and latency move with everything else the machine does; the CPU time a server spends per
request moves much less, since time spent waiting for a core is not counted. ``ProcessTree`` adds up
the user and system time of a server's every process (the master, its workers, their children), and
of children that already ended and were reaped. ``Meter`` reads it before and after a load run, with
the whole machine's busy time, so that a run also says how much CPU *other* programs took meanwhile.
"""

import contextlib
import time

import psutil

# The columns ``Meter.figures`` gives, as every benchmark stores them.
CPU_PER_REQUEST = "server CPU ms per request"
OTHER_CPU = "other CPU %"


class ProcessTree:
    """A process and all its descendants, by the pid of the first one (the server's master)."""

    def __init__(self, pid):
        self.root = psutil.Process(pid)

    def cpu_seconds(self):
        """User + system time of every living process of the tree, plus the reaped children of its root."""
        total = 0.0
        for process in [self.root, *self.root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                times = process.cpu_times()
                total += times.user + times.system
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            times = self.root.cpu_times()
            total += times.children_user + times.children_system  # workers that ended and were reaped
        return total


def machine_busy_seconds():
    """CPU time the whole machine spent not idle, summed over its cores, since it started."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


class Meter:
    """CPU used by the servers' trees, by this process and by the whole machine between ``start`` and
    ``stop``; ``figures(requests, client_cpu_seconds)`` turns them into the benchmark's columns."""

    def __init__(self, trees):
        self.trees = list(trees)

    def start(self):
        self._begin = self._read()
        return self

    def stop(self):
        self._end = self._read()
        return self

    def figures(self, requests, client_cpu_seconds):
        """``server CPU ms per request`` and ``other CPU %``: what the rest of the machine used, in % of
        one core, besides the servers, the load generator (``client_cpu_seconds``) and this process."""
        wall, server, machine, own = (end - begin for begin, end in zip(self._begin, self._end, strict=True))
        others = machine - server - client_cpu_seconds - own
        return {
            CPU_PER_REQUEST: 1000 * server / requests if requests else float("nan"),
            OTHER_CPU: max(0.0, 100 * others / wall),
        }

    def _read(self):
        return (time.perf_counter(), sum(tree.cpu_seconds() for tree in self.trees), machine_busy_seconds(),
                time.process_time())
