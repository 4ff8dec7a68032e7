"""The Django form and history page in a real browser, against the real gunicorn server (DEBUG off)."""

import pytest

from course_helpers.servers import serving
from penguin_model.examples import CHINSTRAP, GENTOO
from penguin_model.wording import NOT_KNOWN, probability_text
from tests.browser.penguin_form import check_refusals_are_shown, fill_penguin, press_predict


@pytest.fixture(scope="module")
def django_url(model_dir):
    """The base URL of the Django project under gunicorn, migrated and started as `make serve-django` does."""
    with serving("django", model_dir=model_dir, workers=1) as url:
        yield url


def test_a_filled_form_shows_the_species_and_probabilities(browser_page, django_url, model):
    browser_page.goto(django_url)
    fill_penguin(browser_page, GENTOO, model.feature_spec)
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Gentoo"
    rows = browser_page.locator("#result tr").all_inner_texts()
    assert len(rows) == 3 and rows[0].startswith("Gentoo"), rows  # most likely first
    assert browser_page.get_by_role("alert").count() == 0


def test_every_refused_value_is_explained_next_to_its_field_and_at_the_top(browser_page, django_url, model):
    """The browser blocks nothing (novalidate): the server's messages appear when the button is pressed."""
    browser_page.goto(django_url)
    check_refusals_are_shown(browser_page, model.feature_spec)


def test_a_prediction_made_in_the_browser_appears_in_the_history(browser_page, django_url, model):
    """The newest row of the history is the penguin just submitted, in the forms' words."""
    browser_page.goto(django_url)
    fill_penguin(browser_page, CHINSTRAP, model.feature_spec)
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Chinstrap"
    browser_page.get_by_role("link", name="History", exact=True).click()
    newest = browser_page.locator("#history tr").nth(1).locator("td").all_inner_texts()
    confidence = max(model.predict(model.validate(CHINSTRAP))["probabilities"].values())
    assert newest[1:5] == ["Chinstrap", probability_text(confidence), CHINSTRAP["island"], NOT_KNOWN], newest
    assert newest[6] == "Web form"
