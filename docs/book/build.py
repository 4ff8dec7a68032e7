"""Build the course as a static web site: ``python docs/book/build.py [OUTPUT]`` (``make book``: build/book).

1. Stage: copy the pages (README, chapters, task sheets, docs, the apps' READMEs), the images they show
   and the files they name into ``OUTPUT-source/``, keeping their paths, so every relative link in them
   still points where it did; write a small page for each named file and folder (``pages.py`` says which).
2. Run Sphinx (``conf.py``) on it: MyST-NB shows each notebook with its stored outputs, nothing is
   executed, so no model and no server is needed. Any warning fails the build (``-W --keep-going``).
3. Check the output (``site_check.py``): every internal link and anchor leads somewhere, every image
   exists, and nothing is fetched from outside the site.

The exit status is 0 only when all three succeed. (MyST-NB also writes the notebooks' images to a
``jupyter_execute`` folder beside OUTPUT, as it always does; ``make clean`` removes it with the site.)
"""

import shutil
import sys
import time
from pathlib import Path

import pages
import site_check
from sphinx.cmd.build import build_main

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = pages.REPO_ROOT / "build" / "book"
# Sphinx writes this file into every HTML build: a folder with it may be emptied and rebuilt.
SPHINX_MARK = ".buildinfo"
# The staged folder of the files the source pages include (conf.py keeps Sphinx from reading it).
INCLUDED = "_included"


def stage(source):
    """Fill ``source`` with the book's pages, their images, and a page per file or folder they name."""
    shutil.rmtree(source, ignore_errors=True)
    for name in [*pages.pages(), *(image for page in pages.pages() for image in pages.images(page))]:
        copy(name, source)
    for name, docname in pages.source_pages().items():
        copy(name, source / INCLUDED)  # apart from the pages, so a .md file shown as code is no page
        write(source / f"{docname}.md", source_page(name))
    for folder in pages.folder_pages(pages.link_targets()):
        write(source / f"{folder}/index.md", folder_page(folder))


def copy(name, source):
    target = source / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pages.REPO_ROOT / name, target)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def source_page(name):
    """A page that shows one file of the repository, highlighted, with line numbers, and who names it."""
    lines = (pages.REPO_ROOT / name).read_text(encoding="utf-8").count("\n")
    return (f"---\norphan: true\n---\n\n# {Path(name).name}\n\n"
            f"The file `{name}` of the course's repository ({lines} lines), as it is in this version of the "
            f"course.{backlinks(name)}\n\n```{{literalinclude}} /{INCLUDED}/{name}\n"
            f":language: {pages.language_of(name)}\n:linenos:\n```\n")


def backlinks(name):
    """Links back to the pages that name ``name``, and to the page of its folder when there is one."""
    naming = [page for page in pages.pages() if name in pages.named_files(page)]
    said = f" Named in: {', '.join(f'[](/{page})' for page in naming)}." if naming else ""
    folder = str(Path(name).parent.as_posix())
    if folder in pages.link_targets():
        said += f" In the folder [`{folder}/`](/{pages.staged_file(folder)})."
    return said


def folder_page(folder):
    """A page that lists what a folder holds, linking each entry that has a page of its own."""
    targets = pages.link_targets()
    entries = []
    for child in pages.folder_children(folder):
        shown_as = f"`{Path(child).name}/`" if child in pages.tracked_folders() else f"`{Path(child).name}`"
        if child in targets:
            entries.append(f"- [{shown_as}](/{pages.staged_file(child)})")
        else:
            entries.append(f"- {shown_as}")
    return (f"---\norphan: true\n---\n\n# {folder}/\n\nA folder of the course's repository."
            f"{backlinks(folder)}\n\nIt holds:\n\n" + "\n".join(entries) + "\n")


def build(output=DEFAULT_OUTPUT):
    """Stage, build and check the book into ``output``; the exit status (0 when all went well)."""
    output = Path(output).resolve()
    if output.exists() and any(output.iterdir()) and not (output / SPHINX_MARK).exists():
        print(f"{output} holds files that no book build wrote: choose an empty or new folder.")
        return 2
    shutil.rmtree(output, ignore_errors=True)
    source = output.with_name(output.name + "-source")
    started = time.monotonic()
    stage(source)
    status = build_main(["-b", "html", "-j", "auto", "-W", "--keep-going", "-q", "-c", str(HERE),
                         "-d", str(source / ".doctrees"), str(source), str(output)])
    if status:
        print("The book has warnings (above): each one fails the build.")
        return status
    problems = site_check.problems(output)
    for problem in problems:
        print(problem)
    if problems:
        print(f"The book was built, but {len(problems)} links or files (above) are broken or from outside.")
        return 1
    print(f"The book is in {output} ({len(list(output.rglob('*.html')))} pages, "
          f"{time.monotonic() - started:.0f} s): open {output / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(build(*sys.argv[1:2]))
