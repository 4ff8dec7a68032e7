"""FastAPI's documentation page renders the course's contract in a real browser, with no internet, and
its "Try it out" buttons call the server that served the page, whatever its port; under a
Content-Security-Policy that lets it run Swagger UI and nothing else."""

import pytest

from api_contract.headers import CSP_HEADER, SECURITY_HEADERS
from course_helpers.servers import DEFAULT_PORTS, serving


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


def test_try_it_out_calls_this_server_on_its_own_port(browser_page, fastapi_url):
    """Execute on the docs page sends the request to the page's own server and shows its 200."""
    assert not fastapi_url.endswith(f":{DEFAULT_PORTS['fastapi']}"), "the point is a port of its own"
    page = browser_page
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(f"{fastapi_url}/docs")
    health = page.locator("#operations-default-health")  # Swagger UI's id: tag "default", operationId
    health.locator(".opblock-summary").click()
    health.get_by_role("button", name="Try it out").click()
    health.get_by_role("button", name="Execute").click()
    status = health.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200", health.locator(".live-responses-table").inner_text()
    assert f"{fastapi_url}/api/health" in sent, sent
    assert page.csp_violations == []


def test_the_docs_page_sends_the_security_headers_and_its_policy_lets_swagger_ui_run(browser_page,
                                                                                   fastapi_url):
    """The page starts Swagger UI with an inline script: the policy allows that one by its hash, and the
    browser refuses nothing (the page rendered, see above, and the console reports no refusal)."""
    answer = browser_page.goto(f"{fastapi_url}/docs")
    headers = answer.all_headers()
    for name, value in SECURITY_HEADERS.items():
        assert headers[name.lower()] == value, name
    assert "script-src 'self' 'sha256-" in headers[CSP_HEADER.lower()]
    browser_page.get_by_text("Penguin species API").first.wait_for()
    assert browser_page.csp_violations == []
