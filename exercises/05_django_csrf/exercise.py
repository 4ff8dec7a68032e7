"""Exercise 05 · CSRF: the form's token, fetched and sent like a browser (see README.md).

Each function gets a ``requests.Session`` (a "browser": it keeps the cookies the server sets) and the
address of a running Django server, such as ``http://127.0.0.1:8200``.
"""

FORM_PATH = "/"  # the prediction form of the Django project


def token_from_page(html):
    """The CSRF token that the form page carries for the browser to send back, as text."""
    # TODO 1: find it in the HTML of the form page (the `{% csrf_token %}` tag wrote it there).
    raise NotImplementedError("Open the form page's HTML and look at what {% csrf_token %} wrote.")


def post_form(session, base_url, form):
    """Submit ``form`` (a dict of text values) the way a browser does; return the server's response."""
    # TODO 2: what does a browser do before it can submit this form, and what does it send with it?
    raise NotImplementedError("A browser loads the page before it submits the form: do the same.")


def post_like_javascript(session, base_url, form):
    """Submit ``form`` as a page's script (``fetch``) does, the token in a header; return the response."""
    # TODO 3: a script cannot add the hidden field; Django's CSRF page says which header it reads.
    raise NotImplementedError("Read 'Setting the token on the AJAX request' in Django's CSRF how-to.")


# TODO 4: why does refusing a POST without the token protect the people who use the form?
# Read the four answers in README.md and put the letter of the right one here, e.g. "A".
WHY_THE_REFUSAL_PROTECTS_USERS = None
