"""The course's diagrams are drawn by code in the repository, and the committed pictures are current.

``docs/diagrams/draw.py`` turns each ``.dot`` file into the ``.svg`` beside it (``make diagrams``),
and writes the source's SHA-256 into the picture: a changed source with an old picture fails here.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from penguin_model.data import REPO_ROOT

DIAGRAMS = REPO_ROOT / "docs" / "diagrams"
SOURCES = sorted(DIAGRAMS.glob("*.dot"))


def drawing_script():
    spec = importlib.util.spec_from_file_location("draw", DIAGRAMS / "draw.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_diagrams_to_check():
    assert len(SOURCES) >= 4, "a request's journey, Streamlit's reruns, Django's request cycle, migrations"


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.stem)
def test_each_committed_picture_was_drawn_from_its_current_source(source):
    picture = source.with_suffix(".svg")
    assert picture.is_file(), f"{picture.name} is missing: run `make diagrams`"
    assert drawing_script().source_mark(source) in picture.read_text(encoding="utf-8"), (
        f"{source.name} changed after {picture.name} was drawn: run `make diagrams` and commit both")


def test_the_drawing_script_draws_every_diagram(tmp_path):
    if shutil.which("dot") is None:
        reason = "Graphviz's dot is not installed (apt install graphviz)."
        if os.environ.get("CI"):
            pytest.fail(f"{reason} CI is set, so the diagrams must be drawn.")
        pytest.skip(reason)
    subprocess.run([sys.executable, str(DIAGRAMS / "draw.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True, timeout=120)
    for source in SOURCES:
        drawn = tmp_path / f"{source.stem}.svg"
        assert ElementTree.parse(drawn).getroot().tag.endswith("svg"), f"{drawn.name} is not an SVG picture"
        assert drawing_script().source_mark(source) in drawn.read_text(encoding="utf-8")


def test_every_diagram_is_shown_in_a_chapter():
    chapters = " ".join(
        "".join(cell["source"])
        for notebook in (REPO_ROOT / "notebooks").glob("*.ipynb")
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    )
    unused = [source.stem for source in SOURCES if f"diagrams/{source.stem}.svg" not in chapters]
    assert not unused, f"no chapter shows {unused}"
