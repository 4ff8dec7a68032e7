"""Prose a student can read in one go: no markdown cell of a checked chapter longer than ``PROSE_LIMIT``.

Tables are not counted (a row is a line starting with "|"): they are read row by row, not as a paragraph.
The chapters listed in ``CHECKED`` have been cut to this length; the others join the list as they are.
"""

import json

import pytest

from penguin_model.data import REPO_ROOT

PROSE_LIMIT = 1200  # characters of one markdown cell, tables left out
CHECKED = ["04_deploy_with_streamlit.ipynb", "05_deploy_with_django.ipynb", "06_compare_frameworks.ipynb"]


def prose_length(source):
    """Characters of a markdown cell's text, its table rows left out."""
    return sum(len(line) + 1 for line in source.splitlines() if not line.lstrip().startswith("|"))


@pytest.mark.parametrize("name", CHECKED)
def test_no_prose_cell_is_longer_than_a_student_reads_at_once(name):
    cells = json.loads((REPO_ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    too_long = {index: prose_length("".join(cell["source"])) for index, cell in enumerate(cells)
                if cell["cell_type"] == "markdown" and prose_length("".join(cell["source"])) > PROSE_LIMIT}
    assert not too_long, f"{name}: markdown cells (index: characters) longer than {PROSE_LIMIT}: {too_long}"


def test_a_table_row_is_not_prose():
    assert prose_length("| a | b |\n|---|---|\nword") == len("word\n")
