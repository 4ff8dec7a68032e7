"""How the exercise checks find the code they check.

A check in ``exercises/NN_topic/test_exercise.py`` asks for the ``exercise`` fixture and gets
the module ``exercise.py`` from its own folder: the student's work. With the environment
variable ``EXERCISE_SOLUTIONS=1`` it gets ``exercises/solutions/NN_topic/exercise.py`` instead,
which is how the course's own tests prove that every check passes on the worked solution (and
fails on the starter as shipped, which they pass in ``EXERCISE_STARTERS_DIR``). ``exercise_dir``
is that folder, for checks that need files. ``model`` is the trained model in ``models/``, which
most checks compare answers with.
"""

import importlib.util
import logging
import os
from pathlib import Path

import pytest

from penguin_model import ModelLoadError, load_model

EXERCISES_ROOT = Path(__file__).parent
SOLUTIONS_ROOT = EXERCISES_ROOT / "solutions"

# Streamlit's AppTest writes to a session state in its constructor, before any script runs, and
# Streamlit logs "missing ScriptRunContext! This warning can be ignored when running in bare mode."
# for it (streamlit/testing/v1/app_test.py, 1.67): once per check, twice in a failing check's report,
# about nothing the student did. Drop exactly that message; every other Streamlit log line stays.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "missing ScriptRunContext" not in record.getMessage())


def checked_folder(check_file):
    """The folder whose code a check file checks: the student's, the solution's, or a shipped starter's.

    ``EXERCISE_STARTERS_DIR`` names a folder holding the starters as the course ships them, one
    subfolder per exercise: the course's own tests check those, so a student's finished exercise never
    makes ``make test`` fail.
    """
    folder = Path(check_file).parent
    if os.environ.get("EXERCISE_SOLUTIONS") == "1":
        return SOLUTIONS_ROOT / folder.name
    if os.environ.get("EXERCISE_STARTERS_DIR"):
        return Path(os.environ["EXERCISE_STARTERS_DIR"]) / folder.name
    return folder


@pytest.fixture
def exercise_dir(request):
    return checked_folder(request.path)


@pytest.fixture
def exercise(exercise_dir):
    """The checked ``exercise.py``, freshly imported for each check."""
    path = exercise_dir / "exercise.py"
    spec = importlib.util.spec_from_file_location(f"exercise_{exercise_dir.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def model():
    """The trained model in ``models/``; without a usable one, each check fails saying what to run."""
    try:
        return load_model()
    except ModelLoadError as problem:
        pytest.fail(f"These checks need the trained model. {problem}", pytrace=False)
