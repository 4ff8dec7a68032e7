"""The Flask app under the real gunicorn command: the page and its stylesheet are served."""

import re

import pytest
import requests

from api_contract.pages import STATIC_FOLDER, STYLESHEET
from course_helpers.servers import serving


@pytest.fixture(scope="module")
def flask_url(model_dir):
    with serving("flask", model_dir=model_dir, workers=1) as url:
        yield url


def test_the_stylesheet_the_page_links_is_served_by_gunicorn(flask_url):
    """Flask's static route works under gunicorn too: the linked file arrives as CSS, byte for byte."""
    page = requests.get(f"{flask_url}/", timeout=30)
    link = re.search(r'<link rel="stylesheet" href="([^"]+)">', page.text).group(1)
    stylesheet = requests.get(f"{flask_url}{link}", timeout=30)
    assert stylesheet.status_code == 200
    assert stylesheet.headers["Content-Type"].startswith("text/css")
    assert stylesheet.content == (STATIC_FOLDER / STYLESHEET).read_bytes()
