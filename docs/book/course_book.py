"""The course's Sphinx extension: what the site adds to the pages, computed from the repository at build time.

- the front page (the README) gets the table of contents, from ``pages.sections()``;
- each chapter gets a box under its title: its time, its exercises, the files it shows or names;
- a file or folder named in inline code (``apps/flask_demo/views.py``) or linked links to its page;
- the first use of a glossary term on a page links to the glossary (the headings of ``docs/glossary.md``),
  unless the page already links that term;
- ``<a id="..."></a>`` anchors, which GitHub and Jupyter honour, become anchors that links reach.

No page is edited: the notebooks and Markdown files are read as they are in the repository.
"""

import math
import re
from functools import cache
from pathlib import Path

import pages
from docutils import nodes
from docutils.transforms import Transform
from sphinx import addnodes

from tests.support.chapter_time import estimated_minutes, stated_minutes

HTML_ANCHOR_OPENING = re.compile(r'\s*<a id="([^"]+)">\s*')
# Where a term is not linked: code, headings, existing links, and the notebooks' outputs.
NO_LINKS_INSIDE = (nodes.literal, nodes.literal_block, nodes.title, nodes.reference, nodes.raw, nodes.target,
                   nodes.rubric, nodes.caption, addnodes.pending_xref, addnodes.download_reference)


def doc_link(from_docname, docname, content, anchor=None, classes=()):
    """A link to a page (and an anchor on it) that MyST resolves, and warns about if it is missing."""
    link = addnodes.pending_xref("", refdomain="doc", reftarget=docname, reftargetid=anchor,
                                 refdoc=from_docname, reftype="myst", refexplicit=True, classes=list(classes))
    link += nodes.inline("", "", *(content if isinstance(content, list) else [content]))  # as MyST makes them
    return link


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


def page_of(docname):
    """The repository file of a book page, or ``None`` for a generated page."""
    return next((page for page in pages.pages() if pages.docname_of_page(page) == docname), None)


def on_doctree_read(app, doctree):
    docname = app.env.docname
    page = page_of(docname)
    if page is None:
        return  # a generated page: a file or a folder
    link_named_files(doctree, docname, page)
    if page != pages.GLOSSARY:
        link_glossary_terms(doctree, docname)
    if pages.chapter_number(page) is not None:
        add_chapter_facts(doctree, docname, page)


def link_named_files(doctree, docname, page):
    """Inline code that names a file or folder, and links MyST could not place, lead to that file's page."""
    targets = pages.link_targets()

    def page_for(text):
        named = pages.resolve(page, text.partition("#")[0])
        linked = targets.get(named)
        return linked if linked and linked != docname else None

    for literal in list(doctree.findall(nodes.literal)):
        linked = None if inside(literal, NO_LINKS_INSIDE) else page_for(literal.astext())
        if linked:
            literal.replace_self(doc_link(docname, linked, literal.deepcopy()))
    for reference in list(doctree.findall(addnodes.download_reference)) + [
            node for node in doctree.findall(addnodes.pending_xref) if node.get("refdomain") is None]:
        linked = page_for(reference["reftarget"])
        if linked:
            reference.replace_self(doc_link(docname, linked, reference.children[:]))


def inside(node, kinds):
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds) or "cell_output" in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


def add_chapter_facts(doctree, docname, page):
    """Under the chapter's title: its time, its exercises, and the files it shows or names."""
    notebook = pages.REPO_ROOT / page
    stated = stated_minutes(notebook)
    if stated is not None:
        time = nodes.paragraph("", "", nodes.strong("", "Time: "), nodes.Text(f"about {stated} minutes"))
    else:
        estimate = 5 * math.ceil(estimated_minutes(notebook) / 5)
        said = f"about {estimate} minutes (estimated from its words and code cells)"
        time = nodes.paragraph("", "", nodes.strong("", "Time: "), nodes.Text(said))
    sheets = pages.exercise_sheets(pages.chapter_number(page))
    exercises = [doc_link(docname, pages.docname_of_page(sheet), nodes.literal("", Path(sheet).parent.name))
                 for sheet in sheets]
    own = set(map(pages.docname_of_page, [*sheets, *pages.chapters()]))
    targets = pages.link_targets()
    # Pages (the README, a guide) are linked where the chapter names them; the box lists the rest.
    named = [name for name in pages.named_files(page)
             if name in targets and targets[name] not in own and name not in pages.pages()]
    files = [doc_link(docname, targets[name], nodes.literal("", name)) for name in named]
    facts = nodes.container(classes=["chapter-facts"])
    facts += time
    facts += listing("Exercises: ", exercises)
    if files:
        facts += listing("Files it shows or names: ", files)
    title = next(doctree.findall(nodes.title))
    title.parent.insert(title.parent.index(title) + 1, facts)


def listing(label, links):
    paragraph = nodes.paragraph("", "", nodes.strong("", label))
    for number, link in enumerate(links):
        if number:
            paragraph += nodes.Text(", ")
        paragraph += link
    if not links:
        paragraph += nodes.Text("none")
    return paragraph


@cache
def glossary_pattern():
    """One pattern for all terms: exact case for a name with capitals inside (WSGI, APIView), plurals too."""
    alternatives = []
    for number, (word, _, _) in enumerate(pages.glossary_terms()):
        written = re.escape(word) if re.search(r"[A-Z]", word[1:]) else f"(?i:{re.escape(word)})"
        alternatives.append(f"(?P<term{number}>{written}(?:s|es)?)")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def link_glossary_terms(doctree, docname):
    """Link the first use of each glossary term on the page, unless the page links it already."""
    glossary = pages.docname_of_page(pages.GLOSSARY)
    terms = pages.glossary_terms()
    linked = {node.get("reftargetid") for node in doctree.findall(addnodes.pending_xref)
              if node.get("reftarget") == glossary}
    pattern = glossary_pattern()
    for text in list(doctree.findall(nodes.Text)):
        if inside(text, NO_LINKS_INSIDE):
            continue
        whole, pieces, done = str(text), [], 0
        for found in pattern.finditer(whole):
            _, anchor, qualifier = terms[int(found.lastgroup.removeprefix("term"))]
            if anchor in linked or (qualifier and qualifier not in paragraph_of(text).astext()):
                continue
            linked.add(anchor)
            link = doc_link(docname, glossary, nodes.Text(found[0]), anchor, classes=["glossary-term"])
            pieces += [nodes.Text(whole[done:found.start()]), link]
            done = found.end()
        if pieces:
            text.parent.replace(text, [*pieces, nodes.Text(whole[done:])])


def paragraph_of(node):
    """The paragraph (or other block) that holds a piece of text."""
    block = node.parent
    while not isinstance(block, nodes.paragraph) and isinstance(block.parent, nodes.TextElement):
        block = block.parent
    return block


def add_redirect_page(app):
    """``index.html`` leads to the front page, whose name stays README as the links to it say."""
    return [("index", {"target": app.builder.get_target_uri(app.config.root_doc)}, "redirect.html")]


def setup(app):
    app.connect("source-read", add_table_of_contents)
    app.add_transform(HtmlAnchors)
    app.connect("doctree-read", on_doctree_read)
    app.connect("html-collect-pages", add_redirect_page)
    app.config.templates_path.append(str(Path(__file__).parent / "templates"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
