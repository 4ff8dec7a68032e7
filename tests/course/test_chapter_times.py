"""Each chapter states the time its own length takes (``tests/support/chapter_time.py``), and the instructor
guide quotes those times, never others."""

import re

import pytest

from penguin_model.data import REPO_ROOT
from tests.support.chapter_time import estimated_minutes, stated_minutes

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
TIMED = [notebook for notebook in NOTEBOOKS if stated_minutes(notebook) is not None]
GUIDE = REPO_ROOT / "docs" / "instructor-guide.md"
# A row of the guide's table: | [03 deploy with Flask](../notebooks/03_...ipynb) | 60 minutes | ...
GUIDE_ROW = re.compile(r"^\| \[\d\d [^]]+\]\(\.\./notebooks/([^)]+)\) \| ([^|]+) \|", re.MULTILINE)


@pytest.mark.parametrize("notebook", TIMED, ids=lambda notebook: notebook.stem)
def test_a_chapter_states_about_the_time_its_words_and_cells_take(notebook):
    """Never noticeably less than reading and running it takes; a generous estimate is fine, within limits."""
    stated, estimate = stated_minutes(notebook), estimated_minutes(notebook)
    assert estimate - 5 <= stated <= estimate + 15, (
        f"{notebook.name} says about {stated} minutes; its words and code cells give {estimate:.0f}")


def test_the_instructor_guide_gives_every_chapter_its_own_time():
    rows = dict(GUIDE_ROW.findall(GUIDE.read_text(encoding="utf-8")))
    assert sorted(rows) == [notebook.name for notebook in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        stated, quoted = stated_minutes(notebook), rows[notebook.name]
        if stated is None:  # the guide may not invent a time the chapter does not state
            assert not re.search(r"\d", quoted), f"{notebook.name} states no time, the guide says {quoted!r}"
        else:
            assert quoted.startswith(f"{stated} minutes"), f"{notebook.name}: {stated}; the guide: {quoted!r}"
