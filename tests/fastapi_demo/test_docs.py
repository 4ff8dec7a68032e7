"""FastAPI's documentation page shows the course's contract, and needs no internet to do it."""

import re

from fastapi_demo import DOCS_URL

from api_contract import openapi_document


def test_the_docs_page_loads_its_scripts_from_the_app_itself(client):
    page = client.request("GET", "/docs")
    assert (page.status, page.content_type) == (200, "text/html")
    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", page.body.decode())
    assert assets and all(asset.startswith("/") for asset in assets), f"assets from elsewhere: {assets}"
    for asset in assets:
        assert client.request("GET", asset).status == 200, asset


def test_the_docs_page_documents_the_contract(client):
    page = client.request("GET", "/docs").body.decode()
    assert "'/api/openapi.json'" in page or '"/api/openapi.json"' in page
    assert client.request("GET", "/api/openapi.json").json() == openapi_document()


def test_the_front_page_leads_to_the_docs_page(client):
    """`make serve-fastapi` prints the bare address: it must open a page, not answer 404."""
    answer = client.client.get("/", follow_redirects=False)
    assert answer.is_redirect and answer.headers["location"] == DOCS_URL
    page = client.request("GET", "/")  # followed, as a browser does
    assert (page.status, page.content_type) == (200, "text/html")
