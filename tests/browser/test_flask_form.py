"""The Flask HTML form in a real browser, against the real gunicorn server."""

import pytest

from course_helpers.servers import serving
from penguin_model.examples import GENTOO


@pytest.fixture(scope="module")
def flask_url(model_dir):
    """The base URL of the Flask app under gunicorn, started as `make serve-flask` does."""
    with serving("flask", model_dir=model_dir, workers=1) as url:
        yield url


def fill_penguin(page, penguin):
    """Fill the form as a person would: pick from the lists, type the measurements."""
    page.select_option("#island", penguin["island"])
    page.select_option("#sex", penguin["sex"] or "")
    for name in ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"):
        page.fill(f"#{name}", str(penguin[name]))


def test_a_filled_form_shows_the_species_and_probabilities(browser_page, flask_url):
    browser_page.goto(flask_url)
    fill_penguin(browser_page, GENTOO)
    browser_page.click("button[type=submit]")
    assert browser_page.text_content("#species") == "Gentoo"
    rows = browser_page.locator("#result tr").all_inner_texts()
    assert len(rows) == 3 and rows[0].startswith("Gentoo"), rows  # most likely first


def test_bad_input_shows_messages_next_to_the_fields(browser_page, flask_url):
    browser_page.goto(flask_url)
    fill_penguin(browser_page, GENTOO | {"body_mass_g": 5.2})
    browser_page.select_option("#island", "")
    browser_page.click("button[type=submit]")
    assert browser_page.text_content("#island-error").strip() == "This field is required."
    assert "greater than or equal to 1800" in browser_page.text_content("#body_mass_g-error")
    assert browser_page.locator("#bill_length_mm-error").count() == 0
    assert browser_page.input_value("#body_mass_g") == "5.2", "the typed value is kept to be corrected"
    assert browser_page.locator("#species").count() == 0
