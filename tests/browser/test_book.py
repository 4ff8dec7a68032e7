"""The course's web site in a real browser, at a laptop's and a phone's width: what a reader relies on.

The site (``make book``, built once per session by ``tests/support/book.py``) is served by Python's
own ``http.server`` on loopback, as a reader may serve it, and opened from its folder (``file://``).
Every request the pages make is recorded: none may leave the site. The pictures (``book_*.png``) go
where the apps' screenshots go (``make screenshots``: docs/images/screenshots).
"""

import functools
import http.server
import re
import threading

import pytest

from penguin_model.data import REPO_ROOT
from tests.support.book import built_book

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CHAPTERS = sorted(REPO_ROOT.glob("notebooks/[0-9][0-9]*_*.ipynb"))
GUIDES = [REPO_ROOT / "docs" / name for name in ("glossary.md", "benchmarks.md", "instructor-guide.md")]
APP_READMES = sorted(REPO_ROOT.glob("apps/*/README.md"))
CHAPTER_WITH_PLOTS = "notebooks/01_explore_and_train.html"
# An exercise whose task sheet has a code block, for the copy button.
EXERCISE_WITH_CODE = next(sheet for sheet in sorted(REPO_ROOT.glob("exercises/[0-9][0-9]_*/README.md"))
                          if "```" in sheet.read_text(encoding="utf-8"))
# A word the search must find on the glossary's page: its first one-word term.
GLOSSARY_TERM = next(heading for heading in re.findall(r"^### (\S+)$", (REPO_ROOT / "docs" / "glossary.md")
                                                        .read_text(encoding="utf-8"), re.MULTILINE))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass  # one line per file on stderr would bury the test's own output


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    built = built_book(tmp_path_factory)
    assert built.returncode == 0, f"make book failed:\n{built.output}"
    return built.folder


@pytest.fixture(scope="module")
def site_url(book):
    """The site served by ``http.server`` on a free loopback port, as ``python -m http.server`` serves it."""
    handler = functools.partial(QuietHandler, directory=book)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, chromium_browser):
    """``(page, viewport name, requests made)``: a fresh page at a laptop's or a phone's size."""
    context = chromium_browser.new_context(viewport=VIEWPORTS[request.param])
    context.set_default_timeout(30_000)
    requested = []
    context.on("request", lambda sent: requested.append(sent.url))
    try:
        yield context.new_page(), request.param, requested
    finally:
        context.close()


def assert_stayed_inside(requested, origin):
    outside = [url for url in requested if not url.startswith((origin, "data:", "blob:"))]
    assert not outside, f"the pages fetched from outside the site: {outside}"


def overflow(page):
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_front_page_leads_to_every_chapter(reader, site_url, screenshot_folder):
    page, size, requested = reader
    page.goto(site_url)  # index.html, which leads to the README's page
    page.wait_for_url(re.compile(r"README\.html$"))
    title = (REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert page.locator("h1").first.inner_text().strip().rstrip("#").strip() == title
    chapters = page.locator("nav.bd-links a[href^='notebooks/']")
    assert chapters.count() == len(CHAPTERS)
    assert overflow(page) <= 0
    page.screenshot(path=str(screenshot_folder / f"book_index_{size}.png"))
    assert_stayed_inside(requested, site_url)


def test_a_chapters_plots_load_and_fit_the_screen(reader, site_url, screenshot_folder):
    page, size, requested = reader
    page.goto(site_url + CHAPTER_WITH_PLOTS)
    plots = page.locator("div.cell_output img")
    assert plots.count() > 0, "chapter 01 stores its plots as images"
    plots.first.scroll_into_view_if_needed()
    for index in range(plots.count()):
        plot = plots.nth(index)
        plot.scroll_into_view_if_needed()  # the theme loads images lazily
        page.wait_for_function("image => image.complete", arg=plot.element_handle())
        loaded = plot.evaluate("image => [image.naturalWidth, image.getBoundingClientRect().right]")
        assert loaded[0] > 0, f"plot {index} did not load"
        assert loaded[1] <= VIEWPORTS[size]["width"], f"plot {index} is wider than the screen"
    assert overflow(page) <= 0, "the chapter scrolls sideways"
    plots.first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_folder / f"book_chapter_{size}.png"))
    assert_stayed_inside(requested, site_url)


def test_no_page_scrolls_sideways_on_a_phone(chromium_browser, site_url):
    """Wide tables and long code lines scroll in their own box; the page stays as wide as the phone."""
    readable = ["README.html", *(f"notebooks/{chapter.stem}.html" for chapter in CHAPTERS),
                *(f"docs/{guide.stem}.html" for guide in GUIDES),
                *(readme.relative_to(REPO_ROOT).with_suffix(".html").as_posix() for readme in APP_READMES)]
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        wide = {}
        for path in readable:
            page.goto(site_url + path)
            if overflow(page) > 0:
                wide[path] = overflow(page)
        assert not wide, f"pixels wider than the phone: {wide}"
    finally:
        context.close()


def test_the_search_finds_a_glossary_term_on_the_glossarys_page(reader, site_url, screenshot_folder):
    page, size, requested = reader
    page.goto(f"{site_url}search.html?q={GLOSSARY_TERM}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for()
    found = [results.nth(index).get_attribute("href") for index in range(results.count())]
    assert any(href.startswith("docs/glossary.html") for href in found), found
    page.screenshot(path=str(screenshot_folder / f"book_search_{size}.png"))
    assert_stayed_inside(requested, site_url)


def test_an_exercise_page_and_its_copy_button(reader, site_url):
    page, size, requested = reader
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + EXERCISE_WITH_CODE.relative_to(REPO_ROOT).with_suffix(".html").as_posix())
    heading = EXERCISE_WITH_CODE.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert page.locator("h1").first.inner_text().strip().rstrip("#").strip() == heading
    block = page.locator("div.highlight").first
    block.scroll_into_view_if_needed()
    block.hover()
    block.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() == block.locator("pre").inner_text().strip()
    assert_stayed_inside(requested, site_url)


def test_the_site_opens_from_its_folder_and_searches_there(chromium_browser, book):
    """No server at all: a reader double-clicks index.html (file://), and the search still works."""
    context = chromium_browser.new_context(viewport=VIEWPORTS["desktop"])
    requested = []
    context.on("request", lambda sent: requested.append(sent.url))
    try:
        page = context.new_page()
        page.goto((book / "index.html").as_uri())
        page.wait_for_url(re.compile(r"README\.html$"))
        sidebar = page.locator("nav.bd-links")
        assert sidebar.is_visible(), "the theme's stylesheet and scripts loaded from the folder"
        page.goto((book / "search.html").as_uri() + f"?q={GLOSSARY_TERM}")
        page.locator("#search-results ul.search li a").first.wait_for()
        assert page.locator("#search-results a[href^='docs/glossary.html']").count() > 0
    finally:
        context.close()
    assert_stayed_inside(requested, book.as_uri())
