"""No hand-typed figures about performance: each number in the chapters' performance prose is printed by a
cell of the same chapter (from the stored runs, or measured live), and docs/benchmarks.md is generated.

So when new runs are stored and the chapters re-executed, a sentence that still quotes an old figure
fails here instead of misleading a student.
"""

import json
import re

import pytest

from bench.document import DOCUMENT, document
from penguin_model.data import REPO_ROOT

# The chapters checked, and in each the sections about performance: (from anchor, to anchor or None for
# the end). A chapter joins by adding its line.
PERFORMANCE_PROSE = {
    "06_compare_frameworks.ipynb": [("row-performance", "row-companies"), ("bigger-machine", None)],
    # Chapter 07's measured parts: workers and worker types, the cost of logs and metrics, the databases
    # compared, the load runs.
    "07_to_production.ipynb": [("servers", "configuration"), ("logs", "django-production"),
                               ("locust", "containers")],
}
# Numbers in that prose that are not measurements, each with the reason: a reviewer reads this list.
NOT_MEASURED = {
    "07_to_production.ipynb": {
        "3333": "PEP 3333, WSGI's specification", "24": "gunicorn's version 24",
        "25.1": "gunicorn's version 25.1", "03": "chapter 03 named",
        "4,096": "PIPE_BUF, a limit of Linux pipes",
        "0.5": "a histogram bucket's bounds, as an example",
        "1.5": "a histogram bucket's bounds, as an example",
        # The 20 ms wait of bench/gunicorn_waiting.py and the ceilings it implies: arithmetic, not measured.
        "20": "the wait bench/gunicorn_waiting.py adds", "0.020": "the same wait in seconds",
        "50": "1 / 0.020 s", "100": "2 x 50; and locust's rounding threshold, from its documentation",
        "800": "16 x 50",
    },
}
NUMBER = re.compile(r"(?<![\w.\-/])\d+(?:[.,]\d+)*(?![\w.,]*\w)")
# Not figures: links to chapters by title, code, link targets, anchors, chapters named by number.
NOT_FIGURES = [re.compile(pattern) for pattern in (
    r"\[\d\d · [^\]]*\]", r"(?s)```.*?```", r"`[^`]*`", r"\]\([^)]*\)", r"<a id=[^>]*>",
    r"chapters? \d\d(?:[–-]\d\d)?")]


def figures(text):
    """The numbers of a piece of prose, its code, links and chapter references left out."""
    for pattern in NOT_FIGURES:
        text = pattern.sub(" ", text)
    return set(NUMBER.findall(text))


def sections(cells, spans):
    """The markdown of ``cells`` between each pair of anchors of ``spans``."""
    anchors = {re.search(r'<a id="([^"]+)"', "".join(cell["source"]))[1]: index
               for index, cell in enumerate(cells) if '<a id="' in "".join(cell["source"])}
    for start, end in spans:
        for cell in cells[anchors[start]:anchors[end] if end else len(cells)]:
            if cell["cell_type"] == "markdown":
                yield "".join(cell["source"])


def printed(cells):
    """Everything the code cells printed or showed, as text."""
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain") or ""
            parts.append("".join(text))
    return "\n".join(parts)


@pytest.mark.parametrize("name", PERFORMANCE_PROSE)
def test_every_figure_of_the_performance_prose_is_printed_by_a_cell(name):
    cells = json.loads((REPO_ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    shown = set(NUMBER.findall(printed(cells)))
    typed = set().union(*(figures(text) for text in sections(cells, PERFORMANCE_PROSE[name])))
    typed -= set(NOT_MEASURED.get(name, {}))
    assert typed <= shown, f"{name}: figures in the prose that no cell printed: {sorted(typed - shown)}"


def test_figures_are_found_in_prose_and_not_in_code_or_links():
    text = "Flask 0.71 of it at `--workers 2`, [chapter 07](07_to_production.ipynb#x), p99; 1,670/s 2-core"
    assert figures(text) == {"0.71", "1,670", "2"}


def test_the_benchmarks_document_is_generated_from_the_stored_runs():
    assert DOCUMENT.read_text(encoding="utf-8") == document(), "run `python -m bench.document` and commit"
