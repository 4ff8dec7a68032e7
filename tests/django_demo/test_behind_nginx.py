"""Django's production settings serving behind nginx's TLS, as `make serve-scaled APP=django` runs them.

The contract suite checks the API through this front (its ``django-nginx-tls`` target); these tests
check what config.settings_production adds for a site: HSTS in its first stage, cookies sent only
over HTTPS, CSRF accepted over HTTPS, the static files collected, and an instance that redirects
a page asked for in plain HTTP while its health check stays plain.
"""

import pytest
import requests

from penguin_model.examples import GENTOO
from tests.support.needs import require_nginx


@pytest.fixture(scope="module")
def deployment(model_dir):
    require_nginx()
    from course_helpers.scale_out import behind_nginx

    with behind_nginx("django", instances=2, model_dir=model_dir) as running:
        yield running


def test_hsts_is_in_its_first_stage_and_cookies_travel_over_https_only(deployment):
    page = requests.get(f"{deployment.url}/", verify=deployment.ca_file, timeout=30)
    assert page.headers["Strict-Transport-Security"] == "max-age=300; includeSubDomains"
    (cookie,) = [cookie for cookie in page.cookies if cookie.name == "csrftoken"]
    assert cookie.secure


def test_the_form_with_its_csrf_token_is_accepted_over_https(deployment):
    """Over HTTPS Django also checks that the form came from this site (Origin or Referer)."""
    browser = requests.Session()
    browser.get(f"{deployment.url}/", verify=deployment.ca_file, timeout=30)
    form = {name: "" if value is None else str(value) for name, value in GENTOO.items()}
    form["csrfmiddlewaretoken"] = browser.cookies["csrftoken"]
    answer = browser.post(f"{deployment.url}/", data=form, headers={"Referer": f"{deployment.url}/"},
                          verify=deployment.ca_file, timeout=30)
    assert answer.status_code == 200
    assert "Gentoo" in answer.text


def test_the_static_files_are_collected_and_served(deployment):
    stylesheet = requests.get(f"{deployment.url}/static/admin/css/base.css", verify=deployment.ca_file,
                              timeout=30)
    assert (stylesheet.status_code, stylesheet.headers["Content-Type"].split(";")[0]) == (200, "text/css")


def test_an_instance_redirects_plain_http_pages_but_answers_its_health_check(deployment):
    """SECURE_SSL_REDIRECT is on; /api/health is exempt, for nginx's and the course's direct probes."""
    instance = deployment.instances[0].url
    page = requests.get(f"{instance}/history/", allow_redirects=False, timeout=30)
    assert (page.status_code, page.headers["Location"]) == (301, f"https://{instance.removeprefix('http://')}"
                                                                  "/history/")
    assert requests.get(f"{instance}/api/health", timeout=30).json()["status"] == "ok"
