"""Every answer gets the security headers Django sends and a Content-Security-Policy (api_contract)."""

from api_contract.headers import security_headers


def init_app(app):
    """Add the headers to every answer: pages, the API, static files and errors alike."""

    @app.after_request
    def add_security_headers(response):
        # Only an HTML page's body is read (to hash any inline script); a file streams untouched.
        page = response.get_data() if response.mimetype == "text/html" else b""
        for name, value in security_headers(response.mimetype, page).items():
            response.headers.setdefault(name, value)
        return response
