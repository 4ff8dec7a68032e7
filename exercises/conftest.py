"""How the exercise checks find the code they check.

A check in ``exercises/NN_topic/test_exercise.py`` asks for the ``exercise`` fixture and gets the module
``exercise.py`` from its own folder: the student's work. ``exercise_dir`` is that folder, for checks that
need files. ``model`` is the trained model in ``models/``, which most checks compare answers with.
``cited_numbers`` reads the numbers an argument in words cites.

The course's own tests (``tests/course/test_exercises.py``) run these checks on copies of the folders:
the starter as shipped, the worked solution in ``exercises/solutions/``, and known wrong answers.
"""

import importlib.util
import logging
import re
from pathlib import Path

import pytest

from penguin_model import ModelLoadError, load_model

# Streamlit's AppTest writes to a session state in its constructor, before any script runs, and
# Streamlit logs "missing ScriptRunContext! This warning can be ignored when running in bare mode."
# for it (streamlit/testing/v1/app_test.py, 1.67): once per check, twice in a failing check's report,
# about nothing the student did. Drop exactly that message; every other Streamlit log line stays.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "missing ScriptRunContext" not in record.getMessage())


@pytest.fixture
def exercise_dir(request):
    return Path(request.path).parent


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


@pytest.fixture
def cited_numbers():
    """A function: the numbers a text cites, as text. "6" and "2,741" in "6 packages and 2,741 files",
    but not the digits of a version ("3.1.2") or of a name ("argon2"), which cite nothing."""

    def numbers(text):
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", str(text))  # 2,741 -> 2741
        return re.findall(r"(?<![\w.])\d+(?!\w|\.\d)", text)

    return numbers
