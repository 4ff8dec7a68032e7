"""Every link between the course's pages leads somewhere: the file exists, and so does the anchor.

Chapters point at each other's cells (``05_deploy_with_django.ipynb#claim-concurrency``); a renamed
notebook or a removed anchor would leave a learner at a dead link, which no notebook run would notice.
"""

import json
import re

import pytest

from penguin_model.data import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
PAGES = NOTEBOOKS + [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md")),
                     *sorted((REPO_ROOT / "exercises").glob("**/README.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
ANCHOR = re.compile(r'<a id="([^"]+)"')
HEADING = re.compile(r"^#+\s+(.+)$", re.MULTILINE)


def markdown_of(page):
    if page.suffix != ".ipynb":
        return page.read_text(encoding="utf-8")
    cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def anchors_of(page):
    """Explicit ``<a id=...>`` anchors, and the ids Jupyter and GitHub give headings."""
    text = markdown_of(page)
    headings = [heading.strip() for heading in HEADING.findall(text)]
    jupyter_style = {heading.replace(" ", "-") for heading in headings}
    github_style = {re.sub(r"[^\w\- ]", "", heading).lower().replace(" ", "-") for heading in headings}
    return set(ANCHOR.findall(text)) | jupyter_style | github_style


def local_links(page):
    for target in LINK.findall(markdown_of(page)):
        if not re.match(r"[a-z]+:", target):  # http:, https:, mailto: lead off the course
            yield target


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(REPO_ROOT).as_posix())
def test_every_local_link_leads_to_an_existing_file_and_anchor(page):
    dead = []
    for target in local_links(page):
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            dead.append(f"{target}: no such file")
        elif anchor and linked.suffix in {".ipynb", ".md"} and anchor not in anchors_of(linked):
            dead.append(f"{target}: no anchor {anchor!r} in {linked.name}")
    assert not dead, dead


def test_the_comparison_chapter_has_an_anchor_for_every_row_it_is_linked_to():
    linked = {target.partition("#")[2] for page in NOTEBOOKS for target in local_links(page)
              if target.startswith("06_compare_frameworks.ipynb#")}
    assert linked, "chapters 00-05 link to the verdicts of chapter 06"
    assert linked <= set(ANCHOR.findall(markdown_of(REPO_ROOT / "notebooks" / "06_compare_frameworks.ipynb")))
