"""Screenshots of the three apps' forms, taken in a real browser against their real servers.

Each test fills its app's form with a Gentoo, submits it, waits for the answer and saves a
picture of the whole page. The pictures go to a temporary folder; with the environment variable
SCREENSHOTS_DIR set (``make screenshots`` sets docs/images/screenshots) they are saved there, for
the chapters and the README, and then the emoji font must be installed: Streamlit's page uses emoji.
"""

import struct

import pytest

from course_helpers.servers import serving
from penguin_model.examples import GENTOO
from penguin_model.wording import CORRECT_THE_FORM
from tests.browser.penguin_form import fill_penguin, press_predict
from tests.browser.test_streamlit_app import fill_with_typical_gentoo

VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture
def wide_page(chromium_browser):
    """A page the width of a laptop screen, so every app is drawn in its wide layout."""
    context = chromium_browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def save_screenshot(page, path):
    """Save the whole page as a PNG and check that it is one, as wide as the window."""
    page.screenshot(path=str(path), full_page=True)
    content = path.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG image"
    width, height = struct.unpack(">II", content[16:24])  # the PNG header's IHDR chunk
    assert width == VIEWPORT["width"] and height >= VIEWPORT["height"], (width, height)


def test_flask_form_with_an_answer(wide_page, model_dir, model, screenshot_folder):
    with serving("flask", model_dir=model_dir, workers=1) as url:
        wide_page.goto(url)
        fill_penguin(wide_page, GENTOO, model.feature_spec)
        press_predict(wide_page)
        assert wide_page.text_content("#species") == "Gentoo"
        save_screenshot(wide_page, screenshot_folder / "flask_form.png")


def test_django_form_and_history_with_an_answer(wide_page, model_dir, model, screenshot_folder):
    with serving("django", model_dir=model_dir, workers=1) as url:
        wide_page.goto(url)
        fill_penguin(wide_page, GENTOO, model.feature_spec)
        press_predict(wide_page)
        assert wide_page.text_content("#species") == "Gentoo"
        save_screenshot(wide_page, screenshot_folder / "django_form.png")
        wide_page.get_by_role("link", name="History", exact=True).click()
        assert "Gentoo" in wide_page.locator("#history tr").nth(1).inner_text()
        save_screenshot(wide_page, screenshot_folder / "django_history.png")


def test_streamlit_predict_page_with_an_answer(wide_page, model_dir, screenshot_folder):
    from playwright.sync_api import expect  # here, so that without Playwright the fixture can skip

    with serving("streamlit", model_dir=model_dir) as url:
        page = wide_page
        page.goto(url)
        fill_with_typical_gentoo(page)
        press_predict(page)
        expect(page.get_by_text("Most likely species: Gentoo")).to_be_visible()
        charts = page.locator("[data-testid=stVegaLiteChart]")
        expect(charts).to_have_count(2, timeout=30_000)  # the probabilities, and the training data
        save_screenshot(page, screenshot_folder / "streamlit_predict.png")


def test_streamlit_predict_page_with_errors(wide_page, model_dir, screenshot_folder):
    """Kilograms typed for grams and a blank field: each message beside its field, and the summary."""
    from playwright.sync_api import expect

    with serving("streamlit", model_dir=model_dir) as url:
        page = wide_page
        # Taller than the others: Streamlit scrolls inside the page, so a full-page picture is only
        # the window, and the last field's message must fit in it.
        page.set_viewport_size(VIEWPORT | {"height": 1150})
        page.goto(url)
        fill_with_typical_gentoo(page)
        page.get_by_label("Body mass (g)", exact=True).fill("5.2")
        page.get_by_label("Bill depth (mm)", exact=True).fill("")
        press_predict(page)
        expect(page.get_by_text(CORRECT_THE_FORM)).to_be_visible()
        expect(page.get_by_test_id("stAlert")).to_have_count(3)  # the summary and two fields' messages
        save_screenshot(page, screenshot_folder / "streamlit_errors.png")
