"""The Flask and Django HTML forms in a real browser, against their real servers: gunicorn, as on Linux
and macOS, and waitress, as on Windows.

The same person's steps run on both forms: they share their words (``penguin_model.wording``) and
their stylesheet, so they must behave alike. Django's history page is checked as well.
"""

import contextlib

import pytest

from api_contract.headers import CSP_HEADER, SECURITY_HEADERS
from course_helpers.servers import serving
from penguin_model.examples import CHINSTRAP, GENTOO
from penguin_model.wording import (
    BACK_TO_THE_FORM,
    NO_PAGE_AT,
    NOT_KNOWN,
    PAGE_NOT_FOUND,
    SUBMIT_LABEL,
    feature_label,
    probability_text,
)
from tests.browser.penguin_form import check_refusals_are_shown, fill_penguin, message_next_to, press_predict
from tests.support.needs import require_gunicorn

FORM_APPS = [f"{app}-{server}" for app in ("flask", "django") for server in ("gunicorn", "waitress")]


@pytest.fixture(scope="module")
def server_url(model_dir):
    """``server_url("flask-waitress")``: that app under that server, started as `make serve-<app>` does the
    first time a test asks for it, stopped when the module ends; ``server_url("django")``: the default one."""
    with contextlib.ExitStack() as servers:
        urls = {}

        def url_of(name):
            app, _, wsgi_server = name.partition("-")
            if wsgi_server == "gunicorn":
                require_gunicorn()
            if name not in urls:
                urls[name] = servers.enter_context(serving(app, model_dir=model_dir, workers=1,
                                                           wsgi_server=wsgi_server or None))
            return urls[name]

        yield url_of


@pytest.mark.parametrize("app", FORM_APPS)
def test_a_filled_form_shows_the_species_and_probabilities(browser_page, server_url, model, app):
    browser_page.goto(server_url(app))
    fill_penguin(browser_page, GENTOO, model.feature_spec)
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Gentoo"
    rows = browser_page.locator("#result tr").all_inner_texts()
    assert len(rows) == 3 and rows[0].startswith("Gentoo"), rows  # most likely first
    assert browser_page.get_by_role("alert").count() == 0


@pytest.mark.parametrize("app", ["flask-gunicorn", "flask-waitress", "django-gunicorn"])
@pytest.mark.parametrize("path", ["/", "/nope"], ids=["form", "not-found"])
def test_pages_send_the_security_headers_and_break_none_of_their_rules(browser_page, server_url, model, app,
                                                                        path):
    """The headers Django sends, on every page of both apps; the browser blocks nothing the page needs:
    its stylesheet applies, the form posts, and the console reports no refusal."""
    answer = browser_page.goto(server_url(app) + path)
    headers = answer.all_headers()  # names in lower case
    for name, value in SECURITY_HEADERS.items():
        assert headers[name.lower()] == value, name
    assert "default-src 'self'" in headers[CSP_HEADER.lower()]
    card = browser_page.locator("main").evaluate("element => getComputedStyle(element).backgroundColor")
    assert card == "rgb(255, 255, 255)", "course.css applied"
    if path == "/":
        fill_penguin(browser_page, GENTOO, model.feature_spec)
        press_predict(browser_page)
        assert browser_page.text_content("#species") == "Gentoo"
    assert browser_page.csp_violations == []


@pytest.mark.parametrize("app", FORM_APPS)
def test_each_refusal_is_shown_next_to_its_field_and_summed_up_on_top(browser_page, server_url, model, app):
    """The browser blocks nothing (novalidate): the server's messages appear when the button is pressed."""
    browser_page.goto(server_url(app))
    check_refusals_are_shown(browser_page, model.feature_spec)


@pytest.mark.parametrize("app", FORM_APPS)
def test_a_corrected_value_is_accepted(browser_page, server_url, model, app):
    """The typed values are kept, so the student fixes only the refused one and presses again."""
    spec = model.feature_spec
    body_mass, flipper = (feature_label(name, spec[name]) for name in ("body_mass_g", "flipper_length_mm"))
    browser_page.goto(server_url(app))
    fill_penguin(browser_page, GENTOO | {"body_mass_g": 5.2}, spec)
    press_predict(browser_page)
    assert message_next_to(browser_page, body_mass)
    assert browser_page.get_by_label(flipper).input_value() == str(GENTOO["flipper_length_mm"])
    browser_page.get_by_label(body_mass).fill(str(GENTOO["body_mass_g"]))
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Gentoo"


@pytest.mark.parametrize("app", FORM_APPS)
def test_an_unknown_address_shows_a_styled_page_that_leads_back_to_the_form(browser_page, server_url, app):
    """A mistyped address gets the course's page, styled by course.css, and its link opens the form."""
    answer = browser_page.goto(f"{server_url(app)}/nope")
    assert answer.status == 404
    assert browser_page.get_by_role("heading", level=1).inner_text() == PAGE_NOT_FOUND
    assert browser_page.locator(".lead").inner_text() == f"{NO_PAGE_AT} /nope."
    # The stylesheet applied: <main> is the white card on the grey page, as on the forms.
    card = browser_page.locator("main").evaluate("element => getComputedStyle(element).backgroundColor")
    assert card == "rgb(255, 255, 255)"
    browser_page.get_by_role("link", name=BACK_TO_THE_FORM).click()
    browser_page.get_by_role("button", name=SUBMIT_LABEL).wait_for()


def test_a_django_prediction_made_in_the_browser_appears_in_the_history(browser_page, server_url, model):
    """The newest row of Django's history is the penguin just submitted, in the forms' words."""
    browser_page.goto(server_url("django"))
    fill_penguin(browser_page, CHINSTRAP, model.feature_spec)
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Chinstrap"
    browser_page.get_by_role("link", name="History", exact=True).click()
    newest = browser_page.locator("#history tr").nth(1).locator("td").all_inner_texts()
    confidence = max(model.predict(model.validate(CHINSTRAP))["probabilities"].values())
    assert newest[1:5] == ["Chinstrap", probability_text(confidence), CHINSTRAP["island"], NOT_KNOWN], newest
    assert newest[6] == "Web form"
