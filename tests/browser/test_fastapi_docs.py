"""FastAPI's documentation page renders the course's contract in a real browser, with no internet."""

import pytest

from course_helpers.servers import serving


@pytest.fixture(scope="module")
def fastapi_url(model_dir):
    with serving("fastapi", model_dir=model_dir, workers=1) as url:
        yield url


def test_the_docs_page_shows_every_endpoint_of_the_contract(browser_page, fastapi_url):
    page = browser_page
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{fastapi_url}/docs")
    page.get_by_text("Penguin species API").first.wait_for()
    for path in ("/api/health", "/api/model", "/api/predict", "/api/predict/batch"):
        assert page.get_by_text(path, exact=True).count() >= 1, path
    assert not failed, f"requests that failed (the page must not need the internet): {failed}"
