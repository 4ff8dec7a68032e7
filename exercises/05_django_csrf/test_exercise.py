"""Checks for exercise 05 · CSRF. Run: make check EXERCISE=05_django_csrf

The checks start the Django project on a real server (gunicorn on 127.0.0.1, a throwaway database,
as `make serve-django` does) and talk to it with ``requests``, as a browser would.
"""

import re

import pytest
import requests

from course_helpers.servers import serving
from penguin_model.examples import GENTOO

# The form's fields as a browser sends them: text, and a blank for "not known".
FORM = {name: "" if value is None else str(value) for name, value in GENTOO.items()}
ANSWER = re.compile(r'id="species"[^>]*>\s*(\w+)')
TOKEN_LENGTH = 64  # a masked token, as {% csrf_token %} writes it (Django's CSRF_TOKEN_LENGTH)


@pytest.fixture(scope="module")
def server(model):  # model first: without one, the check says what to run
    with serving("django", workers=1) as url:
        yield url


@pytest.fixture
def browser():
    """A fresh "browser": a session that keeps the cookies the server sets, and nothing else."""
    with requests.Session() as session:
        yield session


def species_shown(response):
    found = ANSWER.search(response.text)
    return found.group(1) if found else None


def assert_predicted(response, how):
    assert response.status_code == 200, (
        f"{how}: the server answered {response.status_code}, not 200"
        + (" — 403 is Django's CSRF refusal: the token is missing or does not match this session's cookie."
           if response.status_code == 403 else "."))
    assert species_shown(response) == "Gentoo", f"{how}: the page should show the prediction, Gentoo."


def test_the_token_is_on_the_form_page(exercise, server, browser):
    page = browser.get(server + exercise.FORM_PATH, timeout=10).text
    token = exercise.token_from_page(page)
    assert isinstance(token, str) and token in page, (
        f"token_from_page should return the token as it appears in the page's HTML, got {token!r}.")
    assert len(token) == TOKEN_LENGTH, (
        f"{token!r} is {len(token)} characters long; the form's token has {TOKEN_LENGTH}. Is it the value "
        "of the hidden field that {% csrf_token %} writes?")
    answer = browser.post(server + exercise.FORM_PATH, data=FORM | {"csrfmiddlewaretoken": token}, timeout=10)
    assert_predicted(answer, "The form sent back with your token")


def test_a_post_without_the_token_is_refused_and_yours_is_accepted(exercise, server, browser):
    browser.get(server + exercise.FORM_PATH, timeout=10)  # the session has its cookie, but sends no token
    refused = browser.post(server + exercise.FORM_PATH, data=FORM, timeout=10)
    assert refused.status_code == 403, f"Django should refuse a POST without the token (403), got {refused}."
    assert_predicted(exercise.post_form(browser, server, FORM), "post_form")


def test_a_token_from_another_browser_is_refused(exercise, server, browser):
    page = browser.get(server + exercise.FORM_PATH, timeout=10).text
    token = exercise.token_from_page(page)
    with requests.Session() as other_browser:
        other_browser.get(server + exercise.FORM_PATH, timeout=10)  # it has a cookie of its own
        stolen = other_browser.post(server + exercise.FORM_PATH, data=FORM | {"csrfmiddlewaretoken": token},
                                    timeout=10)
    assert stolen.status_code == 403, (
        f"A token only matches the cookie of the browser it was given to; another browser's POST with it "
        f"should be refused (403), got {stolen.status_code}.")
    own = browser.post(server + exercise.FORM_PATH, data=FORM | {"csrfmiddlewaretoken": token}, timeout=10)
    assert_predicted(own, "The same token, sent by the browser whose page it came from")


def test_a_script_sends_the_token_in_a_header(exercise, server, browser):
    answer = exercise.post_like_javascript(browser, server, FORM)
    assert_predicted(answer, "post_like_javascript")
    sent = answer.request
    assert "csrfmiddlewaretoken" not in (sent.body or ""), (
        "post_like_javascript sent the hidden form field; a script's request carries the token in a header.")
    assert any(name.lower().startswith("x-csrf") for name in sent.headers), (
        f"post_like_javascript should send the token in the header Django reads; it sent "
        f"{dict(sent.headers)}.")


WRONG_ANSWERS = {
    "A": "Not that one: Django accepts the same token again and again in one session, so a form sent "
         "twice is stored twice. Stopping double submissions is another technique.",
    "B": "Not that one: the token travels in the clear beside the measurements. Keeping them secret on "
         "the way is HTTPS's job (chapter 07).",
    "D": "Not that one: post_form is a program, and the server accepts it. Telling people from programs "
         "is a CAPTCHA's job, not CSRF's.",
}


def test_why_the_refusal_protects_users(exercise):
    answer = exercise.WHY_THE_REFUSAL_PROTECTS_USERS
    assert answer in {"A", "B", "C", "D"}, (
        f"Set WHY_THE_REFUSAL_PROTECTS_USERS to the letter of one of the four answers in README.md, "
        f"not {answer!r}.")
    assert answer not in WRONG_ANSWERS, (
        f"{WRONG_ANSWERS[answer]} Reread the chapter 05 section 'The HTML form, with CSRF protection' and "
        "the glossary's CSRF entry, and think about who sends the request and what they can read.")
