"""Check a built site: every internal link, anchor and image resolves, and nothing is fetched from outside.

A page read in a room without network must look and work the same, so every file a page or a
stylesheet loads (scripts, styles, fonts, images) must be inside the site. Links a reader clicks may
lead off the site (the documentation of Flask, the paper's DOI); links inside it must reach an
existing file, and their ``#anchor`` an element with that id.

``python docs/book/site_check.py build/book`` prints what is wrong; ``build.py`` runs it after Sphinx.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes through which a browser fetches something as it shows the page (not links a reader follows).
LOADED = {("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("iframe", "src"),
          ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href")}
CSS_LOAD = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class Page(HTMLParser):
    """The ids of a page, the files it loads and the links it holds."""

    def __init__(self):
        super().__init__()
        self.ids, self.loads, self.links = set(), [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name" if tag == "a" else "id"):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for attribute, value in attributes.items():
            if value and (tag, attribute) in LOADED:
                self.loads.append(value)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        self.loads.extend(found[0] or found[1] for found in CSS_LOAD.findall(attributes.get("style") or ""))

    def handle_data(self, data):
        if self.lasttag == "style":
            self.loads.extend(found[0] or found[1] for found in CSS_LOAD.findall(data))


def is_outside(url):
    """A URL with a scheme or a host leads off the site (``data:`` URLs are part of the page itself)."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) and parts.scheme != "data"


def local_file(site, page, url):
    """The file of the site a relative URL on ``page`` points at (without its query and anchor)."""
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    target = (page.parent / path).resolve()
    return target / "index.html" if target.is_dir() else target


def problems(site):
    """Everything wrong in the site at ``site``, one sentence each; an empty list when all is well."""
    site = Path(site).resolve()
    parsed, found = {}, []

    def page_of(path):
        if path not in parsed:
            parsed[path] = Page()
            parsed[path].feed(path.read_text(encoding="utf-8", errors="replace"))
        return parsed[path]

    def name(path):
        return path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)

    for html in sorted(site.rglob("*.html")):
        if html.relative_to(site).parts[0] == "_static":
            continue  # the themes' Jinja macros, copied along, are no pages
        page = page_of(html)
        for url in page.loads:
            if url.startswith("data:"):
                continue
            if is_outside(url):
                found.append(f"{name(html)} loads {url} from outside the site")
            elif not local_file(site, html, url).is_file():
                found.append(f"{name(html)} loads {url}, which is not in the site")
        for url in page.links:
            if is_outside(url) or url.startswith("#") and len(url) == 1:
                continue
            target = local_file(site, html, url)
            anchor = unquote(urlsplit(url).fragment)
            if not target.is_relative_to(site) or not target.is_file():
                found.append(f"{name(html)} links to {url}, which is not in the site")
            elif anchor and target.suffix == ".html" and anchor not in page_of(target).ids:
                found.append(f"{name(html)} links to {url}, but {name(target)} has no anchor {anchor!r}")
    for css in sorted(site.rglob("*.css")):
        for loaded in CSS_LOAD.findall(css.read_text(encoding="utf-8", errors="replace")):
            url = loaded[0] or loaded[1]
            if url.startswith(("data:", "#")):
                continue
            if is_outside(url):
                found.append(f"{name(css)} loads {url} from outside the site")
            elif not local_file(site, css, url).is_file():
                found.append(f"{name(css)} loads {url}, which is not in the site")
    return found


if __name__ == "__main__":
    reported = problems(sys.argv[1] if len(sys.argv) > 1 else "build/book")
    print("\n".join(reported) or "No broken link, missing file or outside resource.")
    sys.exit(1 if reported else 0)
