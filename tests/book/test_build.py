"""The course's web site (``make book``): every page is there, no link is broken, nothing comes from outside.

The site is built once per session (``tests/support/book.py``) from the stored outputs, without the
model or a server. What the build adds to the pages (a chapter's time and exercises, glossary links,
pages for the files the chapters name) is checked here in the HTML a reader gets.
"""

import re
import sys
from pathlib import Path

import pytest

from penguin_model.data import REPO_ROOT
from tests.support.book import built_book
from tests.support.chapter_time import stated_minutes
from tests.support.needs import unavailable

sys.path.insert(0, str(REPO_ROOT / "docs" / "book"))
import site_check  # noqa: E402  (docs/book is a folder of scripts, not a package)

try:
    import bs4
except ImportError:
    bs4 = None

CHAPTERS = sorted(REPO_ROOT.glob("notebooks/[0-9][0-9]*_*.ipynb"))
SHEETS = sorted(REPO_ROOT.glob("exercises/[0-9][0-9]_*/README.md"))
GUIDES = ["docs/glossary.md", "docs/benchmarks.md", "docs/instructor-guide.md"]
APP_READMES = sorted(REPO_ROOT.glob("apps/*/README.md"))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    if bs4 is None:  # it comes with JupyterLab (requirements.txt)
        unavailable("beautifulsoup4 is not installed: `make setup` installs it.")
    built = built_book(tmp_path_factory)
    assert built.returncode == 0, f"make book failed:\n{built.output}"
    return built.folder


def html_of(book, source):
    """The built page of a repository file: ``notebooks/01_x.ipynb`` -> ``notebooks/01_x.html``."""
    relative = Path(source).relative_to(REPO_ROOT) if Path(source).is_absolute() else Path(source)
    return book / relative.with_suffix(".html")


def soup(path):
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_build_succeeds_without_a_warning(book, tmp_path_factory):
    output = built_book(tmp_path_factory).output
    assert "WARNING" not in output and "ERROR" not in output, output


PAGES = ["README.md", *CHAPTERS, "exercises/README.md", *SHEETS, *GUIDES, *APP_READMES]


@pytest.mark.parametrize("source", PAGES,
                         ids=lambda source: Path(source).relative_to(REPO_ROOT).as_posix()
                         if Path(source).is_absolute() else source)
def test_every_page_of_the_course_is_on_the_site(book, source):
    page = html_of(book, source)
    assert page.is_file(), f"{source} has no page on the site"
    assert soup(page).find("h1"), f"{page.name} has no title"


def test_the_front_page_leads_to_the_readme_and_lists_every_chapter_in_order(book):
    assert "README.html" in (book / "index.html").read_text(encoding="utf-8")
    listed = [link["href"] for link in soup(book / "README.html").select("nav.bd-links a.reference")]
    chapters = [f"notebooks/{chapter.stem}.html" for chapter in CHAPTERS]
    assert [href for href in listed if href in chapters] == chapters


def test_each_chapter_leads_to_the_next_and_back(book):
    for before, after in zip(CHAPTERS, CHAPTERS[1:], strict=False):
        assert soup(html_of(book, before)).select_one("a.right-next")["href"] == f"{after.stem}.html"
        assert soup(html_of(book, after)).select_one("a.left-prev")["href"] == f"{before.stem}.html"


def test_no_solution_is_on_the_site(book):
    assert not (book / "exercises" / "solutions").exists()
    assert "exercises/solutions" not in (book / "searchindex.js").read_text(encoding="utf-8")


def test_every_link_anchor_and_image_resolves_and_nothing_is_loaded_from_outside(book):
    assert site_check.problems(book) == []


def test_the_link_check_finds_what_is_broken(tmp_path):
    """The check above can fail: a dead link, a missing anchor and image, a script from a CDN."""
    (tmp_path / "a.html").write_text('<h1 id="top">A</h1><a href="b.html#nowhere">b</a><a href="c.html">c</a>'
                                     '<img src="missing.png"><script src="https://cdn.example/x.js"></script>'
                                     '<a href="https://example.org/">outside, clicked: fine</a>')
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1><a href="a.html#top">back</a>')
    (tmp_path / "style.css").write_text("@import 'https://fonts.example/font.css';")
    found = site_check.problems(tmp_path)
    assert len(found) == 5, found
    for expected in ["no anchor 'nowhere'", "c.html, which is not", "missing.png", "cdn.example",
                     "fonts.example"]:
        assert any(expected in problem for problem in found), (expected, found)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda chapter: chapter.stem)
def test_a_chapter_opens_with_its_time_and_links_to_its_exercises(book, chapter):
    facts = soup(html_of(book, chapter)).select_one("div.chapter-facts")
    assert facts is not None, "no box under the title"
    stated = stated_minutes(chapter)
    time = re.search(r"Time: about (\d+) minutes", " ".join(facts.get_text(" ").split()))
    assert time and (stated is None or int(time[1]) == stated), facts.get_text(" ")
    linked = {link["href"] for link in facts.find_all("a")}
    for sheet in (sheet for sheet in SHEETS if sheet.parent.name[:2] == chapter.name[:2]):
        assert f"../exercises/{sheet.parent.name}/README.html" in linked, sheet.parent.name


def test_glossary_terms_are_linked_once_a_page_outside_code_and_headings(book):
    added = 0
    for page in [html_of(book, chapter) for chapter in CHAPTERS] + [html_of(book, sheet) for sheet in SHEETS]:
        terms = soup(page).select("a.glossary-term")
        anchors = [link["href"].partition("#")[2] for link in terms]
        assert len(anchors) == len(set(anchors)), f"{page.name} links a term twice: {anchors}"
        for link in terms:
            assert not link.find_parent(["h1", "h2", "h3", "h4", "code", "pre", "a"]), (page.name, link)
        added += len(terms)
    assert added > 20, "the build links the glossary's terms where the pages do not"


def test_a_file_a_chapter_names_is_shown_on_a_page_of_its_own(book):
    """Chapter 03 shows the form's template (show_file) and names the gunicorn settings (in backticks)."""
    facts = soup(book / "notebooks" / "03_deploy_with_flask.html").select_one("div.chapter-facts")
    linked = {link.get_text(): link["href"] for link in facts.find_all("a")}
    for name in ["apps/flask_demo/templates/flask_demo/predict.html",
                 "src/course_helpers/gunicorn_config.py"]:
        page = (book / "notebooks" / linked[name]).resolve()
        assert page.is_file(), name
        code = soup(page).select_one("div.highlight")
        for number in code.select("span.linenos"):
            number.decompose()
        shown = code.get_text()
        assert shown.strip() == (REPO_ROOT / name).read_text(encoding="utf-8").strip(), name


def test_links_between_the_repositorys_files_lead_to_their_pages(book):
    """A chapter's ``../docs/glossary.md#wsgi`` and a README's ``apps/flask_demo/`` are pages on the site."""
    chapter = soup(book / "notebooks" / "00_introduction.html")
    assert chapter.select_one('a[href="../docs/glossary.html"]'), "the chapter's link to the glossary"
    readme = soup(book / "README.html")
    assert readme.select_one('a[href="apps/flask_demo/README.html"]'), "the README's apps/flask_demo/"
    assert readme.select_one('a[href="docs/instructor-guide.html#a-three-hour-workshop"]')
