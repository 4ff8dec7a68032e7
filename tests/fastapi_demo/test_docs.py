"""FastAPI's documentation page shows the course's contract, and needs no internet to do it."""

import re

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
