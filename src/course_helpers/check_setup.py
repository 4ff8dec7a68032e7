"""``python -m course_helpers.check_setup`` (`make check-setup`): is this machine ready for the course?

A minute instead of `make test`'s many: the Python and the pinned packages, the trained model, and
each of the three apps started on the server this machine gets and asked for one prediction. It ends
with status 0 when all is well, else 1, with what to run. `make test` remains the whole proof.
"""

import sys
import time

import requests

from course_helpers.environment import SUPPORTED_PYTHON, pin_problems
from course_helpers.processes import ServerDidNotStart
from course_helpers.servers import served_by, serving
from penguin_model import ModelLoadError, load_model
from penguin_model.examples import GENTOO

CHECKED_APPS = ("flask", "streamlit", "django")  # the course's three; FastAPI is its reference app


def main():
    started = time.perf_counter()
    problems = [*python_and_packages(), *model_and_apps()]
    seconds = time.perf_counter() - started
    if problems:
        print(f"\nNot ready ({seconds:.0f} s):\n  " + "\n  ".join(problems))
        return 1
    print(f"\nReady ({seconds:.0f} s): this machine runs the course. `make test` checks everything.")
    return 0


def python_and_packages():
    low, high = SUPPORTED_PYTHON
    problems = []
    if not low <= sys.version_info[:2] <= high:
        problems.append(f"Python {sys.version.split()[0]}: the course needs 3.11 to 3.13.")
    problems += [f"{problem}: run `make setup`" for problem in pin_problems()]
    if not problems:
        print(f"ok  Python {sys.version.split()[0]} and every package pinned in requirements.txt")
    return problems


def model_and_apps():
    try:
        model = load_model()
    except ModelLoadError as problem:
        return [f"{problem}"]
    species = model.predict(model.validate(GENTOO))["species"]
    print(f"ok  the trained model {model.version} loads and predicts {species}")
    return [problem for app in CHECKED_APPS if (problem := app_problem(app))]


def app_problem(app):
    """Start ``app`` as `make serve-<app>` does, ask it for a prediction; a sentence if that failed."""
    server = served_by(app)
    try:
        with serving(app, timeout=120) as base_url:
            answer = requests.post(f"{base_url}/api/predict", json=GENTOO, timeout=30)
    except (ServerDidNotStart, requests.RequestException) as problem:
        return f"{server} did not answer: {problem}"
    if answer.status_code != 200:
        return f"{server} answered {answer.status_code} to a valid penguin: {answer.text[:200]}"
    print(f"ok  {server} predicts {answer.json()['species']}")
    return None


if __name__ == "__main__":
    sys.exit(main())
