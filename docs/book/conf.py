"""Sphinx's settings for the course's web site (``make book``; ``build.py`` stages the pages first).

Sphinx with MyST-NB and the Sphinx Book Theme: every file the site needs ships inside these Python
packages, so the build needs no network, and the pages fetch nothing from outside when read
(``site_check.py`` checks the output for that). The README says why this tool and not Jupyter Book 2.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]  # course_book.py and pages.py; tests/support for the times

import pages  # noqa: E402  (after the path above)

# The README's title names the course: one source for the site's title too.
project = next(line[2:].strip() for line in (pages.REPO_ROOT / "README.md").read_text(encoding="utf-8")
               .splitlines() if line.startswith("# "))
html_title = project
root_doc = "README"  # the front page; build.py's index.html leads to it

extensions = [
    "myst_nb",  # reads the notebooks (with their stored outputs) and the Markdown pages
    "sphinx_copybutton",  # a copy button on every code cell
    "course_book",  # chapter header, glossary links, links to named files, HTML anchors (course_book.py)
]
exclude_patterns = [".doctrees", "_included"]  # build.py's staging: not pages

# Show what is stored; run nothing (the tests run the notebooks: nbval in `make test`).
nb_execution_mode = "off"
# No require.js or widget scripts from a CDN: the chapters have no widgets.
nb_ipywidgets_js = {}
# Headings get the ids GitHub gives them, which the pages' links use (#windows-powershell-without-make).
myst_heading_anchors = 6
# The glossary's terms are third-level headings under its title, as GitHub shows them best.
suppress_warnings = ["myst.header"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,  # the sources are in the repository, not on the site
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": True,
    "article_header_end": [],  # no buttons to outside services (repository, launch, issues)
}
html_static_path = [str(HERE / "static")]
html_css_files = ["book.css"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
# Code is copied without its prompts ($ and >>>) or the notebooks' output.
copybutton_prompt_text = r"\$ |>>> "
copybutton_prompt_is_regexp = True
copybutton_exclude = ".linenos, .gp, .go"
# The pages that show one file or folder (apps/flask_demo/views.py, tests/index) keep the title and the
# search but not the table of contents, whose drawing on each of these ~200 pages would double the
# build's time. They link back to the pages that name them; the title leads home.
html_sidebars = {"**.*": ["navbar-logo.html", "search-button-field.html"],
                 "**/index": ["navbar-logo.html", "search-button-field.html"]}
