"""What the book is made of, read from the repository: its pages in reading order, and the files they name.

Nothing here is typed by hand that the repository already says. The chapters are the notebooks, the
exercises are the numbered folders of ``exercises/`` (a chapter's are those with its number), the apps
are the folders of ``apps/`` with a README, and a file a page names (``apps/flask_demo/views.py`` in
backticks, or a link) is a file of the repository (``tracked_files``). The build (``build.py``) and
the Sphinx extension (``course_book.py``) both ask this module, so they cannot disagree; the tests
(``tests/book``) read the repository on their own, to catch this module's mistakes.
"""

import json
import re
import subprocess
from functools import cache
from pathlib import Path, PurePosixPath

REPO_ROOT = Path(__file__).resolve().parents[2]
# A chapter is any notebook named NN_topic (or NNa_topic, NNb_topic for a chapter in parts): the book
# finds them by their files, and a chapter's exercises by its number.
CHAPTER = re.compile(r"notebooks/(\d\d)[a-z]?_\w+\.ipynb")
REFERENCE = ["docs/glossary.md", "docs/benchmarks.md", "docs/instructor-guide.md"]
# The worked solutions stay off the site: a reader should try the task sheet first.
NOT_SHOWN = ("exercises/solutions/",)
LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
INLINE_CODE = re.compile(r"(?<!`)`([^`\s]+)`(?!`)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
# A source file bigger than this is not shown on the site (none of the course's is, today).
LARGEST_SHOWN_FILE = 200_000


@cache
def tracked_files():
    """The repository's files (posix paths): those git tracks, and new ones it does not ignore.

    So the book is the same in any clone, never shows a virtual environment, a trained model or a
    cache, and an author sees a new page before committing it.
    """
    command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    try:
        listed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return frozenset(_files_on_disk())  # a copy without git, e.g. a downloaded archive
    names = listed.stdout.decode("utf-8").split("\0")
    return frozenset(name for name in names if name and (REPO_ROOT / name).is_file())


def _files_on_disk():
    skipped = {".git", ".venv", ".venv-book", "build", "releases", "__pycache__", ".pytest_cache",
               ".ruff_cache"}
    for path in REPO_ROOT.rglob("*"):
        relative = path.relative_to(REPO_ROOT)
        if path.is_file() and not skipped & set(relative.parts):
            yield relative.as_posix()


@cache
def tracked_folders():
    return frozenset(str(parent) for name in tracked_files() for parent in PurePosixPath(name).parents
                     if str(parent) != ".")


@cache
def chapters():
    """The notebooks, in order: ``notebooks/00_introduction.ipynb`` ..."""
    return tuple(sorted(name for name in tracked_files() if CHAPTER.fullmatch(name)))


def chapter_number(page):
    found = CHAPTER.fullmatch(page)
    return found[1] if found else None


@cache
def exercise_sheets(number=None):
    """The task sheets ``exercises/NN_topic/README.md``, all of them or those of chapter ``number``."""
    sheets = sorted(name for name in tracked_files() if re.fullmatch(r"exercises/\d\d_\w+/README\.md", name))
    return tuple(sheet for sheet in sheets if number is None or sheet.startswith(f"exercises/{number}_"))


@cache
def app_readmes():
    """The apps' READMEs, in the order the chapters first name each app (Flask in 03, Streamlit in 04...)."""
    readmes = [name for name in tracked_files() if re.fullmatch(r"apps/\w+/README\.md", name)]

    def first_chapter_naming(readme):
        folder = readme.removesuffix("README.md")
        named = (index for index, chapter in enumerate(chapters())
                 if any(f"{name}/".startswith(folder) for name in named_files(chapter)))
        return next(named, len(chapters())), readme

    return tuple(sorted(readmes, key=first_chapter_naming))


@cache
def sections():
    """The table of contents: ``[(caption, [page, ...]), ...]``, below the README (the front page).

    "More" holds the other Markdown files the pages link to (the data's and the models' READMEs...),
    found by following the links, so that no link leaves the site.
    """
    listed = [
        ("The course", chapters()),
        ("Exercises", ("exercises/README.md", *exercise_sheets())),
        ("The apps", app_readmes()),
        ("Reference", tuple(REFERENCE)),
    ]
    known = {"README.md", *(page for _, pages in listed for page in pages)}
    more, waiting = [], sorted(known)
    while waiting:
        for target in linked_files(waiting.pop()):
            if target.endswith(".md") and target not in known and shown(target):
                known.add(target)
                more.append(target)
                waiting.append(target)
    return tuple(listed + ([("More", tuple(sorted(more)))] if more else []))


@cache
def pages():
    """Every page of the book, the front page first, in reading order."""
    return ("README.md", *(page for _, listed in sections() for page in listed))


def shown(name):
    return not f"{name}/".startswith(NOT_SHOWN)


@cache
def markdown_of(page):
    """The Markdown text of a page: the file, or a notebook's Markdown cells."""
    text = (REPO_ROOT / page).read_text(encoding="utf-8")
    if not page.endswith(".ipynb"):
        return text
    cells = json.loads(text)["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


@cache
def resolve(page, target):
    """The tracked file or folder that ``target``, written in ``page``, points at; ``None`` if none.

    Relative to the page's folder first, as a link is read, then to the repository's top, as the
    chapters write paths (``apps/flask_demo/views.py``).
    """
    target = target.rstrip("/")
    if not target or target.startswith(("/", "~", "$")) or re.match(r"[a-z]+:", target) or "*" in target:
        return None
    for base in (PurePosixPath(page).parent, PurePosixPath(".")):
        candidate = _normalised(base / target)
        if candidate in tracked_files() or candidate in tracked_folders():
            return candidate
    return None


def _normalised(path):
    parts = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) or None


@cache
def linked_files(page):
    """The tracked files and folders a page's Markdown links point at (not images), in order."""
    found = []
    for bang, target in LINK.findall(markdown_of(page)):
        resolved = resolve(page, target.partition("#")[0]) if not bang else None
        if resolved and resolved not in found:
            found.append(resolved)
    return tuple(found)


@cache
def images(page):
    """The tracked image files a page's Markdown shows."""
    found = (resolve(page, target) for bang, target in LINK.findall(markdown_of(page)) if bang)
    return tuple(sorted({name for name in found if name}))


@cache
def named_files(page):
    """The tracked files and folders a page names in inline code, links to, or shows (``shown_files``)."""
    prose = FENCE.sub("", markdown_of(page))
    found = []
    named = (resolve(page, code) for code in INLINE_CODE.findall(prose))
    for target in [*named, *linked_files(page), *shown_files(page)]:
        if target and target not in found:
            found.append(target)
    return tuple(found)


@cache
def is_text(name):
    path = REPO_ROOT / name
    if not path.is_file() or path.stat().st_size > LARGEST_SHOWN_FILE:
        return False
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return True


def docname_of_page(page):
    return page.rsplit(".", 1)[0]


@cache
def link_targets():
    """``{tracked file or folder: the docname it links to}`` for everything a page names.

    A page links to its page; a folder to its README's page when that is a page, else to a generated
    page that lists the folder; any other text file to a generated page that shows it (docname: its
    path, so ``apps/flask_demo/views.py`` becomes ``apps/flask_demo/views.py.html``). A file nobody
    names, a binary file and the solutions get no page.
    """
    book = set(pages())
    targets = {page: docname_of_page(page) for page in book}
    for name in sorted({name for page in book for name in named_files(page)}):
        if name in targets or not shown(name):
            continue
        if name in tracked_folders():
            readme = f"{name}/README.md"
            targets[name] = docname_of_page(readme) if readme in book else f"{name}/index"
        elif is_text(name):
            targets[name] = name
    for folder in folder_pages(targets):  # the files a folder page lists get pages too
        for child in folder_children(folder):
            if child not in targets and child in tracked_files() and shown(child) and is_text(child):
                targets[child] = child
    return targets


def folder_pages(targets):
    return sorted(name for name, docname in targets.items() if docname == f"{name}/index")


def folder_children(folder):
    """The files and folders directly inside a tracked folder, folders first."""
    inside = [name for name in tracked_files() | tracked_folders()
              if PurePosixPath(name).parent == PurePosixPath(folder)]
    return sorted(inside, key=lambda name: (name not in tracked_folders(), name))


def staged_file(name):
    """The staged file of the page that ``name`` links to: a page, a README, or a generated page."""
    docname = link_targets()[name]
    return next((page for page in pages() if docname_of_page(page) == docname), f"{docname}.md")


def source_pages():
    """The generated pages that show one file each: ``{file: docname}``."""
    return {name: docname for name, docname in link_targets().items() if docname == name}


def language_of(name):
    """The Pygments lexer that reads ``name`` without an error, else ``text`` (Sphinx would warn on one)."""
    from pygments.lexers import get_lexer_for_filename
    from pygments.token import Error
    from pygments.util import ClassNotFound

    code = (REPO_ROOT / name).read_text(encoding="utf-8")
    try:
        lexer = get_lexer_for_filename(name, code)
    except ClassNotFound:
        return "text"
    if any(token is Error for token, _ in lexer.get_tokens(code)):
        return "text"
    return lexer.aliases[0]


GLOSSARY = "docs/glossary.md"
# show_file (src/course_helpers/source_files.py) heads what it prints with the file's path and lines.
SHOWN_FILE_HEADER = re.compile(r"^# (\S+), lines \d+-\d+$", re.MULTILINE)


def shown_files(page):
    """The files a notebook prints with ``show_file``, read from its stored outputs."""
    if not page.endswith(".ipynb"):
        return ()
    cells = json.loads((REPO_ROOT / page).read_text(encoding="utf-8"))["cells"]
    printed = "".join("".join(output.get("text", "")) for cell in cells for output in cell.get("outputs", ())
                      if output.get("output_type") == "stream")
    return tuple(dict.fromkeys(name for name in map(lambda path: resolve(page, path),
                                                     SHOWN_FILE_HEADER.findall(printed)) if name))


@cache
def glossary_terms():
    """``[(words, anchor, qualifier), ...]`` from the glossary's headings, the longest words first.

    ``### Percentiles: p50, p90, p99`` gives the words Percentiles, p50, p90 and p99; ``### Cache
    (Streamlit)`` gives Cache, qualified by Streamlit: linked only where the same paragraph names
    Streamlit. ``### Metrics and Prometheus`` gives Prometheus, and Metrics qualified by Prometheus (a
    model's test metrics are another thing). The anchor is the heading's, as GitHub and MyST make it.
    """
    from myst_parser.slugs import github_slugify

    terms = []
    glossary = (REPO_ROOT / GLOSSARY).read_text(encoding="utf-8")
    for heading in re.findall(r"^### (.+)$", glossary, re.MULTILINE):
        found = re.fullmatch(r"(.+?)\s*\((.+)\)", heading)
        name, qualifier = (found[1], found[2]) if found else (heading, None)
        head, _, listed = name.partition(": ")
        first, _, second = head.partition(" and ")
        anchor = github_slugify(heading)
        terms.append((first, anchor, qualifier or second or None))
        terms.extend((word, anchor, qualifier) for word in [second, *listed.split(", ")] if word)
    return tuple(sorted(terms, key=lambda term: -len(term[0])))
