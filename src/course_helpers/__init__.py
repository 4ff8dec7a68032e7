"""The course's helpers: start the apps' real servers, and check the notebooks' environment.

Nothing here is part of the model or of the web API. Notebooks, tests and benchmarks import it so
that they start every server the same way `make serve-*` does:

- ``servers``: the one command that serves each app, and ``serving(...)`` to run it on a free port;
- ``processes``: run a server process, wait until it answers, always stop it;
- ``gunicorn_config``: the gunicorn settings of the Flask and Django servers;
- ``postgres``: a throwaway PostgreSQL server for Django, started and always stopped;
- ``system_programs``: the command that installs nginx or PostgreSQL on this machine;
- ``history``: count the predictions a Django server stored, straight from its database;
- ``environment``: the version check at the top of every notebook;
- ``source_files``: the real files a chapter talks about, shown from disk.
- ``slow_clients``: clients that send a body a byte a second, to show what holds a sync worker.
"""
