"""Benchmarks of the course's apps: ``python -m bench <what> [--full]`` prints tables and appends a run.

- ``prediction``: one penguin and a batch of 1000, in-process, fast path against the pipeline, and a
  request's whole work without HTTP;
- ``serving``: every server under the same load (wrk), in rounds, beside a bare WSGI baseline: throughput,
  latency and the CPU time each server spends per request;
- ``startup``: process start to first successful prediction, and memory per process;
- ``size``: files and lines of each app's own code;
- ``database``: Django's concurrent writes on SQLite and PostgreSQL, and rows stored against requests;
- ``workers`` and ``worker-types``: gunicorn's worker counts and types under locust.

Quick mode (the default) takes seconds and is what the tests run; ``--full`` measures in rounds, for
minutes. Each invocation is a run, appended to CSV files (``bench.results``); ``bench.summary`` reads
the runs back (ratios paired per round, spreads between runs, the verdict rule), ``bench.tables`` and
``bench.plots`` show them, and ``python -m bench.document`` writes docs/benchmarks.md from them.
Machines differ and are shared: compare figures within a round (ratios), and across runs by their spread.
"""
