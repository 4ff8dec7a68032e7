"""Exercise 05 · CSRF: the form's token, fetched and sent like a browser — a worked solution.

Why: Django's CSRF middleware accepts a POST only if it carries a token that matches the secret in
the ``csrftoken`` cookie. A browser gets both from this site's own page: the cookie when it loads the
form, the token in the form's hidden ``csrfmiddlewaretoken`` field (or, for a script, from the cookie,
sent back in the ``X-CSRFToken`` header). So the functions below do what a browser does: load the page
in the same session, then send the token with the form. A page on another site can make the browser
send the POST, with the cookie, but it cannot read this site's page or cookie, so it cannot send the
token (answer C). The token is not a secret from the user, nor an encryption (that is HTTPS), nor a
test that a person typed the values: this very file fills the form in without one.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin

FORM_PATH = "/"  # the prediction form of the Django project
TOKEN_FIELD = "csrfmiddlewaretoken"  # the hidden field that {% csrf_token %} writes
TOKEN_HEADER = "X-CSRFToken"  # Django's CSRF_HEADER_NAME, HTTP_X_CSRFTOKEN, as a client writes it


class HiddenTokenFinder(HTMLParser):
    """Collects the value of the ``<input name="csrfmiddlewaretoken">`` of a page."""

    token = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name") == TOKEN_FIELD:
            self.token = attributes.get("value")


def token_from_page(html):
    """The CSRF token that the form page carries for the browser to send back, as text."""
    finder = HiddenTokenFinder()
    finder.feed(html)
    if not finder.token:
        raise ValueError("This page has no CSRF token: is it the form page?")
    return finder.token


def post_form(session, base_url, form):
    """Submit ``form`` (a dict of text values) the way a browser does; return the server's response."""
    url = urljoin(base_url, FORM_PATH)
    page = session.get(url, timeout=10)  # sets the csrftoken cookie in this session
    return session.post(url, data=form | {TOKEN_FIELD: token_from_page(page.text)}, timeout=10)


def post_like_javascript(session, base_url, form):
    """Submit ``form`` as a page's script (``fetch``) does, the token in a header; return the response."""
    url = urljoin(base_url, FORM_PATH)
    session.get(url, timeout=10)  # the cookie is all a script can read; it holds the secret itself
    return session.post(url, data=form, headers={TOKEN_HEADER: session.cookies["csrftoken"]}, timeout=10)


WHY_THE_REFUSAL_PROTECTS_USERS = "C"
