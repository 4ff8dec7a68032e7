"""The course's Sphinx extension: what the site adds to the pages, computed from the repository at build time.

- the front page (the README) gets the table of contents, from ``pages.sections()``;
- each chapter gets a header under its title: its time, its exercises and the files it shows or names;
- the first use of a glossary term on a page links to the glossary (headings of ``docs/glossary.md``);
- a file or folder named in inline code (``apps/flask_demo/views.py``) or linked links to its page;
- ``<a id="..."></a>`` anchors, which GitHub and Jupyter honour, become targets that links can reach.

No page is edited: the notebooks and Markdown files are read as they are in the repository.
"""

import re
from pathlib import PurePosixPath

from docutils import nodes
from docutils.transforms import Transform
from sphinx import addnodes

import pages

HTML_ANCHOR_OPENING = re.compile(r'\s*<a id="([^"]+)">\s*')


def toctree(caption, entries):
    lines = "\n".join(pages.docname_of_page(entry) for entry in entries)
    return f"\n\n```{{toctree}}\n:caption: {caption}\n:hidden:\n\n{lines}\n```\n"


def add_table_of_contents(app, docname, source):
    """The front page lists every page, section by section (hidden: the sidebar shows it)."""
    if docname == app.config.root_doc:
        source[0] += "".join(toctree(caption, entries) for caption, entries in pages.sections())


class HtmlAnchors(Transform):
    """Turn ``<a id="x"></a>`` into an anchor ``x`` that MyST links reach (``page.md#x``), as on GitHub.

    MyST reads the tag pair as two raw HTML nodes, ``<a id="x">`` and ``</a>``, at the start of a
    paragraph. The anchor joins the page's heading anchors (MyST's ``myst_slugs``), not Sphinx's
    labels, which are global: chapters 03, 04 and 05 each have a ``#claim-server``.
    """

    default_priority = 200  # before MyST resolves ``#x`` links (879)

    def apply(self):
        slugs = getattr(self.document, "myst_slugs", None) or {}
        for opening in list(self.document.findall(nodes.raw)):
            found = HTML_ANCHOR_OPENING.fullmatch(opening.astext())
            if not found or opening.parent is None:
                continue
            closing = opening.next_node(descend=False, siblings=True)
            if not (isinstance(closing, nodes.raw) and closing.astext().strip() == "</a>"):
                continue
            anchor = found[1]
            target = nodes.target("", "", ids=[anchor])
            self.document.ids[anchor] = target
            slugs[anchor] = (opening.line, anchor, "")
            paragraph = opening.parent
            paragraph.remove(closing)
            opening.replace_self(target)
            if isinstance(paragraph, nodes.paragraph) and not paragraph.astext().strip():
                paragraph.remove(target)  # nothing else in it: the target stands alone, no empty paragraph
                paragraph.replace_self(target)
        if slugs:
            self.document.myst_slugs = slugs
            env = self.document.settings.env
            env.metadata[env.docname]["myst_slugs"] = slugs


def add_redirect_page(app):
    """``index.html`` leads to the front page, whose name stays README as the links to it say."""
    return [("index", {"target": app.builder.get_target_uri(app.config.root_doc)}, "redirect.html")]


def setup(app):
    app.connect("source-read", add_table_of_contents)
    app.add_transform(HtmlAnchors)
    app.connect("html-collect-pages", add_redirect_page)
    app.config.templates_path.append(str(PurePosixPath(__file__).parent / "templates"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["addnodes", "setup"]
