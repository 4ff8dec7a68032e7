"""The Streamlit app in a real browser, against the real `streamlit run` server."""

import re

import pytest
from batch_upload import MAX_FILE_BYTES, MAX_ROWS, MAX_UPLOAD_MB

from course_helpers.servers import serving
from penguin_model import InvalidInput
from penguin_model.examples import GENTOO
from penguin_model.wording import CORRECT_THE_FORM, SUBMIT_LABEL
from tests.browser.penguin_form import press_predict
from tests.support.csv_files import BAD_FILES, MIXED


@pytest.fixture(scope="module")
def streamlit_url(model_dir):
    with serving("streamlit", model_dir=model_dir) as url:
        yield url


def fill_with_typical_gentoo(page):
    from playwright.sync_api import expect  # here, so that without Playwright the fixture can skip

    page.get_by_role("button", name="Typical Gentoo").click()
    # Wait for the rerun that fills the form; a click before it ends would be lost.
    expect(page.get_by_label("Flipper length (mm)", exact=True)).not_to_have_value("")


def beside(page, label):
    """The form's column that holds the field labelled ``label``: where its message must appear."""
    return page.get_by_test_id("stColumn").filter(has=page.get_by_label(label, exact=True))


def test_a_typical_gentoo_is_predicted_in_the_browser(browser_page, streamlit_url, model):
    page = browser_page
    page.goto(streamlit_url)
    fill_with_typical_gentoo(page)
    press_predict(page)
    answer = page.get_by_text(re.compile(r"Most likely species: \w+"))
    answer.wait_for()
    assert "Gentoo" in answer.inner_text()
    assert page.locator("[data-testid=stException]").count() == 0


def test_a_page_opened_by_its_address_shows_the_apps_own_navigation(browser_page, streamlit_url):
    """A bookmarked or reloaded page lists the three pages by their titles, nothing else."""
    page = browser_page
    page.goto(f"{streamlit_url}/model_card")
    page.get_by_role("heading", name=re.compile("The model card")).wait_for()
    navigation = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
    titles = [entry.strip().splitlines()[-1] for entry in navigation]  # the icon's line comes first
    assert titles == ["Predict", "Batch (CSV)", "Model"], navigation


def test_an_empty_form_names_the_missing_fields_in_form_order(browser_page, streamlit_url):
    page = browser_page
    page.goto(streamlit_url)
    press_predict(page)
    page.get_by_text(CORRECT_THE_FORM).wait_for()
    listed = page.get_by_test_id("stAlert").locator("li").all_inner_texts()
    in_form_order = ("Island", "Bill length (mm)", "Bill depth (mm)", "Flipper length (mm)", "Body mass (g)")
    assert listed == [f"{label}: This field is required." for label in in_form_order]


def test_kilograms_typed_for_grams_get_a_message_beside_the_field_and_in_the_summary(
        browser_page, streamlit_url, model):
    """A number box with bounds refused 5.2 in the browser: nothing was sent, nothing was said."""
    from playwright.sync_api import expect

    with pytest.raises(InvalidInput) as refused:
        model.validate(GENTOO | {"body_mass_g": "5.2"}, from_text=True)
    message = refused.value.errors[0].message  # the shared schema's words
    page = browser_page
    page.goto(streamlit_url)
    fill_with_typical_gentoo(page)
    page.get_by_label("Body mass (g)", exact=True).fill("5.2")
    press_predict(page)
    expect(page.get_by_text(CORRECT_THE_FORM)).to_be_visible()
    expect(page.get_by_text(f"Body mass (g): {message}")).to_be_visible()  # in the summary
    expect(beside(page, "Body mass (g)").get_by_text(message, exact=True)).to_be_visible()
    assert page.get_by_text("Most likely species").count() == 0


def test_a_blank_required_field_gets_a_message_beside_it(browser_page, streamlit_url):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(streamlit_url)
    fill_with_typical_gentoo(page)
    page.get_by_label("Bill length (mm)", exact=True).fill("")
    press_predict(page)
    expect(page.get_by_text(CORRECT_THE_FORM)).to_be_visible()
    expect(page.get_by_text("Bill length (mm): This field is required.")).to_be_visible()  # in the summary
    required = "This field is required."
    expect(beside(page, "Bill length (mm)").get_by_text(required, exact=True)).to_be_visible()
    assert beside(page, "Bill depth (mm)").get_by_text(required).count() == 0


@pytest.mark.parametrize(("content", "phrase"), [BAD_FILES["binary (png)"], (MIXED, "2 of 4 rows could not")],
                         ids=["binary", "mixed"])
def test_an_uploaded_file_gets_a_readable_answer(browser_page, streamlit_url, content, phrase):
    page = browser_page
    page.goto(f"{streamlit_url}/batch")
    page.get_by_text("Upload a CSV file").wait_for()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "penguins.csv", "mimeType": "text/csv", "buffer": content}])
    page.get_by_text(phrase).wait_for()
    assert page.locator("[data-testid=stException]").count() == 0


def test_the_batch_page_states_the_limit_its_uploader_shows_and_enforces(browser_page, streamlit_url):
    """The page's text and the uploader under it give one size; a bigger file is refused in the browser."""
    page = browser_page
    page.goto(f"{streamlit_url}/batch")
    instructions = page.get_by_test_id("stFileUploaderDropzoneInstructions")
    instructions.wait_for()
    page.get_by_text(f"at most {MAX_ROWS} rows and {MAX_UPLOAD_MB} MB.").wait_for()
    assert f"{MAX_UPLOAD_MB}MB per file" in instructions.inner_text()
    too_big = b"island,bill_length_mm\n" + b"x" * MAX_FILE_BYTES
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": too_big}])
    page.get_by_text(f"File must be {MAX_UPLOAD_MB:.1f}MB or smaller.").wait_for()  # Streamlit's words
    assert page.locator("[data-testid=stException]").count() == 0


def test_the_toolbar_offers_no_deploy_button_which_would_need_the_internet(browser_page, streamlit_url):
    """`client.toolbarMode = "viewer"` in the app's `.streamlit/config.toml` hides it, for a class offline."""
    page = browser_page
    page.goto(streamlit_url)
    page.get_by_role("button", name=SUBMIT_LABEL, exact=True).wait_for()  # the script ran: the toolbar is set
    page.get_by_test_id("stMainMenu").wait_for()  # the viewer's menu (print, theme) stays
    assert page.get_by_role("button", name="Deploy").count() == 0
    assert page.get_by_test_id("stAppDeployButton").count() == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pages_work_under_plain_uvicorn(browser_page, model_dir, workers):
    """The st.App of server.py under uvicorn, as a deployer may run it: the page renders and its WebSocket
    session predicts, with one worker or two (a session lives in the worker its WebSocket reached)."""
    with serving("streamlit", model_dir=model_dir, streamlit_server="uvicorn", workers=workers) as url:
        test_a_typical_gentoo_is_predicted_in_the_browser(browser_page, url, None)


def test_an_upload_works_under_uvicorn_with_one_worker(browser_page, model_dir):
    """One worker holds every session, so the upload reaches the session that shows its answer (with two,
    it may reach the other worker, which refuses it: course_helpers.servers.SESSIONS_PER_WORKER)."""
    with serving("streamlit", model_dir=model_dir, streamlit_server="uvicorn", workers=1) as url:
        test_an_uploaded_file_gets_a_readable_answer(browser_page, url, MIXED, "2 of 4 rows could not")
