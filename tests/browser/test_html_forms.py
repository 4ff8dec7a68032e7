"""The Flask HTML form in a real browser, against the real gunicorn server."""

import pytest

from course_helpers.servers import serving
from penguin_model.examples import GENTOO
from penguin_model.wording import feature_label
from tests.browser.penguin_form import check_refusals_are_shown, fill_penguin, message_next_to, press_predict


@pytest.fixture(scope="module")
def flask_url(model_dir):
    """The base URL of the Flask app under gunicorn, started as `make serve-flask` does."""
    with serving("flask", model_dir=model_dir, workers=1) as url:
        yield url


def test_a_filled_form_shows_the_species_and_probabilities(browser_page, flask_url, model):
    browser_page.goto(flask_url)
    fill_penguin(browser_page, GENTOO, model.feature_spec)
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Gentoo"
    rows = browser_page.locator("#result tr").all_inner_texts()
    assert len(rows) == 3 and rows[0].startswith("Gentoo"), rows  # most likely first
    assert browser_page.get_by_role("alert").count() == 0


def test_every_refused_value_is_explained_next_to_its_field_and_at_the_top(browser_page, flask_url, model):
    browser_page.goto(flask_url)
    check_refusals_are_shown(browser_page, model.feature_spec)


def test_a_corrected_value_is_accepted(browser_page, flask_url, model):
    """The typed values are kept, so the student fixes only the refused one and presses again."""
    spec = model.feature_spec
    body_mass, flipper = (feature_label(name, spec[name]) for name in ("body_mass_g", "flipper_length_mm"))
    browser_page.goto(flask_url)
    fill_penguin(browser_page, GENTOO | {"body_mass_g": 5.2}, spec)
    press_predict(browser_page)
    assert message_next_to(browser_page, body_mass)
    assert browser_page.get_by_label(flipper).input_value() == str(GENTOO["flipper_length_mm"])
    browser_page.get_by_label(body_mass).fill(str(GENTOO["body_mass_g"]))
    press_predict(browser_page)
    assert browser_page.text_content("#species") == "Gentoo"
