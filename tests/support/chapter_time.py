"""How long a chapter takes a learner alone, estimated from the notebook itself, not guessed.

Reading: the markdown cells' words at 180 words a minute, an ordinary pace for reading to learn.
Running: two minutes per code cell, to read the code, run it and look at what it printed (most cells
run in seconds; the slow ones, which start servers or load them, take up to about a minute). The two
together give the course's chapters 01-05 the times they have always stated, within a few minutes.
What the notebook cannot count, such as installing a program it needs, each chapter says apart.
"""

import json
import re

WORDS_PER_MINUTE = 180
MINUTES_PER_CODE_CELL = 2
# "**Time:** about 75 minutes", "about an hour", "about two hours", at the top of each chapter.
STATED = re.compile(r"\*\*Time:\*\* about (\d+ minutes|an hour|two hours)")
SPELLED = {"an hour": 60, "two hours": 120}


def counts(notebook):
    """``(words of prose, code cells)`` of a notebook file."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    prose = " ".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    code_cells = sum(1 for cell in cells if cell["cell_type"] == "code")
    return len(prose.split()), code_cells


def estimated_minutes(notebook):
    """Reading plus running, in minutes (not rounded)."""
    words, code_cells = counts(notebook)
    return words / WORDS_PER_MINUTE + MINUTES_PER_CODE_CELL * code_cells


def stated_minutes(notebook):
    """The time the chapter states in its first cell, in minutes; ``None`` when it states none."""
    first = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]
    found = STATED.search("".join(first["source"]))
    if found is None:
        return None
    text = found[1]
    return SPELLED[text] if text in SPELLED else int(text.split()[0])


if __name__ == "__main__":  # python -m tests.support.chapter_time: the table for every chapter
    from penguin_model.data import REPO_ROOT

    for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        words, code_cells = counts(path)
        print(f"{path.name:36} {words:5} words {code_cells:3} code cells -> "
              f"{estimated_minutes(path):5.1f} min, stated {stated_minutes(path)}")
