"""Benchmarks of the course's apps: ``python -m bench <what> [--full]`` prints tables and writes CSV.

- ``prediction``: one penguin and a batch of 1000, in-process, fast path against the pipeline;
- ``serving``: latency and throughput of every server under load (wrk), beside two references —
  a bare WSGI app calling the same functions, and the same work in-process without HTTP;
- ``startup``: process start to first successful prediction, and memory per process;
- ``size``: files and lines of each app's own code;
- ``database``: Django's concurrent writes on SQLite against PostgreSQL, and rows stored against requests.

The quick mode (the default) takes seconds and is what chapter 06 and the tests run; ``--full``
runs longer and repeats each measurement, interleaved, to show how much the figures vary. Machines
differ and are shared: compare figures within one run (ratios), not across machines.
"""
