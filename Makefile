# The course's commands. Each target creates or refreshes .venv itself when it is missing or
# older than the requirement files, so `make lab` and `make test` work on a fresh clone.
# Windows: see README.md for the same steps in PowerShell.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
LAB_PORT ?= 8888
LAB_ARGS ?=
FIRST_CHAPTER := notebooks/00_introduction.ipynb
BOOK_REQUIREMENTS := docs/book/requirements.txt
BOOK_VENV := $(VENV)-book
BOOK_PY := $(BOOK_VENV)/bin/python
BOOK := build/book
# The trained model's pointer to its current release (src/penguin_model/releases.py): training rewrites it
# last, once the new release loads, so make retrains when it is older than an input or missing.
MODEL := models/current.txt
# Inputs that change the trained model: retrain when any of them is newer than the model.
MODEL_INPUTS := data/penguins.csv requirements.txt requirements-runtime.txt $(wildcard src/penguin_model/*.py)

.PHONY: help setup setup-dev lab model test check clean
.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Stops at once, with what to do, when $(PYTHON) is a version the course does not support.
CHECK_PYTHON = @$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' || \
	  { echo "The course needs Python 3.11, 3.12 or 3.13; '$(PYTHON)' is another version."; \
	    echo "Install one and run e.g. 'make setup PYTHON=python3.12'."; exit 1; }

$(VENV)/.installed: requirements.txt requirements-runtime.txt pyproject.toml
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# The web site is built in an environment of its own, with only its few packages: a fresh clone builds
# it in seconds, and they stay out of the course's environment, whose contents the chapters print and
# the tests compare (MyST-NB brings SQLAlchemy, which chapter 06 reports as not installed).
$(BOOK_VENV)/.installed: $(BOOK_REQUIREMENTS)
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(BOOK_VENV)
	$(BOOK_PY) -m pip install --quiet -r $(BOOK_REQUIREMENTS)
	@touch $@

setup: $(VENV)/.installed  ## create .venv with the pinned packages
setup-dev: $(VENV)/.installed-dev $(BOOK_VENV)/.installed  ## also install contributor tools (browser tests, schema fuzzing, the web site)

$(MODEL): $(VENV)/.installed $(MODEL_INPUTS)
	$(PY) -m penguin_model.train

model: $(MODEL)  ## train the model and write models/

# Jupyter refuses to run as root, but only after starting up: say so first, with the way out, and
# before the minutes of a first install (make builds a target's prerequisites from left to right).
.PHONY: lab-user-check
lab-user-check:
	@if [ "$$(id -u)" = 0 ] && ! echo "$(LAB_ARGS)" | grep -q -e '--allow-root'; then \
	  echo "make lab: you are root, and Jupyter refuses to run as root."; \
	  echo "In a container or classroom VM of your own, run: make lab LAB_ARGS=--allow-root"; exit 2; fi

lab: lab-user-check $(MODEL)  ## open JupyterLab on the course
	@# default_url: the address Jupyter prints opens chapter 00, not the Launcher, when no browser opens.
	$(BIN)/jupyter lab --ServerApp.root_dir=. --ServerApp.ip=$(HOST) --ServerApp.port=$(LAB_PORT) \
	  --LabApp.default_url=/lab/tree/$(FIRST_CHAPTER) $(LAB_ARGS) $(FIRST_CHAPTER)

test: $(MODEL)  ## run every check: tests, notebooks (nbval), exercises, lint
	@# -n auto: one pytest worker per core. pytest exits with 5 when it collected no tests: say so, and
	@# fail (a run that checks nothing must not look like a pass).
	@$(PY) -m pytest -n auto $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests; that is a failure."; exit 1; fi; \
	  exit $$status
	$(BIN)/ruff check .

check-setup: $(MODEL)  ## a one-minute check that this machine runs the course (versions, model, the three apps)
	$(PY) -m course_helpers.check_setup

check: $(MODEL)  ## check one exercise: make check EXERCISE=01_explore_and_train
	@test -n "$(EXERCISE)" || { echo "Name the exercise: make check EXERCISE=01_explore_and_train"; exit 2; }
	$(PY) -m pytest --no-header exercises/$(EXERCISE)

# --- the course's pictures: diagrams drawn from code, screenshots taken by the browser tests ---
.PHONY: diagrams
diagrams:  ## redraw docs/diagrams/*.svg from their .dot sources (needs Graphviz's dot)
	$(PYTHON) docs/diagrams/draw.py

.PHONY: screenshots
screenshots: $(VENV)/.installed-dev $(BOOK_VENV)/.installed $(MODEL)  ## retake docs/images/screenshots/*.png in Chromium (needs the emoji font)
	SCREENSHOTS_DIR=docs/images/screenshots $(PY) -m pytest -p no:cacheprovider -q tests/browser/test_screenshots.py \
	  tests/browser/test_book.py

# --- the course as a web site (docs/book/): every chapter, exercise and guide, readable offline ---
.PHONY: book
book: $(BOOK_VENV)/.installed  ## build the course's web site into build/book (open build/book/index.html)
	$(BOOK_PY) docs/book/build.py $(BOOK)

clean:  ## remove .venv, .venv-book, the trained model, the web site and caches
	rm -rf $(VENV) $(BOOK_VENV) models/releases models/current.txt models/*.skops models/*.json .pytest_cache .ruff_cache
	@# build.py stages the pages in book-source; MyST-NB writes the notebooks' images beside the site too.
	rm -rf $(BOOK) $(BOOK)-source $(dir $(BOOK))jupyter_execute
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# --- the apps on production servers (chapters 03-05; FastAPI, the reference of chapter 06) ---
.PHONY: serve-flask serve-streamlit serve-django serve-fastapi
# One command per app, written once in src/course_helpers/servers.py (tests and notebooks start the
# same one): gunicorn for Flask and Django (Windows: waitress, see each app's README), uvicorn for
# FastAPI, Streamlit's own server. It prints the command it runs. Django's database is migrated first (DJANGO_DB_PATH, default
# apps/django_demo/db.sqlite3); without DJANGO_SECRET_KEY a random key is made for the run.
serve-flask: $(MODEL)  ## start the Flask app under gunicorn: make serve-flask PORT=8100
serve-streamlit: $(MODEL)  ## start the Streamlit app: make serve-streamlit PORT=8501
serve-django: $(MODEL)  ## start the Django app under gunicorn: make serve-django PORT=8200
serve-fastapi: $(MODEL)  ## start the FastAPI reference app under uvicorn: make serve-fastapi PORT=8300
serve-flask serve-streamlit serve-django serve-fastapi: serve-%:
	$(PY) -m course_helpers.serve $* --host $(HOST) $(if $(PORT),--port $(PORT))

# --- several instances of one app behind nginx (chapter 07) ---
.PHONY: serve-scaled
APP ?= flask
INSTANCES ?= 2
# nginx (deploy/nginx/penguin.conf) speaks HTTPS on PORT (default 8400) and redirects plain HTTP from
# HTTP_PORT (default 8480); the instances listen on the ports after PORT. Logs: var/serve-scaled/$(APP)/.
serve-scaled: $(MODEL)  ## several instances behind nginx: make serve-scaled PORT=8400 INSTANCES=2 APP=django
	$(PY) -m course_helpers.serve_scaled $(APP) --instances $(INSTANCES) --host $(HOST) $(if $(PORT),--port \
	  $(PORT)) $(if $(HTTP_PORT),--http-port $(HTTP_PORT))

# --- all three apps at once (classroom demo) ---
.PHONY: demo
# python -m course_helpers.demo starts the three, prints their addresses once all answer, and stops all
# on Ctrl-C. The model is built first, so the three servers never train it at the same time.
# The recipe is one plain command, so make runs it without a shell in between: Ctrl-C reaches make and
# the demo together, make waits while the demo stops the servers and, as the demo ends with status 0,
# prints nothing. (Through a shell, the shell dies of the Ctrl-C first and make reports "Interrupt".)
DEMO_PORTS = $(if $(FLASK_PORT),--flask-port $(FLASK_PORT)) $(if $(STREAMLIT_PORT),--streamlit-port \
  $(STREAMLIT_PORT)) $(if $(DJANGO_PORT),--django-port $(DJANGO_PORT))
demo: $(MODEL)  ## start the three apps side by side (FLASK_PORT=8100 STREAMLIT_PORT=8501 DJANGO_PORT=8200)
	@$(PY) -m course_helpers.demo --host $(HOST) $(DEMO_PORTS)
