"""The Content-Security-Policy of every page, as the Flask and FastAPI apps send it (api_contract.headers).

Django's own middleware sends the other security headers (``SecurityMiddleware``,
``XFrameOptionsMiddleware``); Django 5.2 has no CSP of its own. The form, the history and the admin need
nothing from another site, and the admin's scripts are files of its own.
"""

from api_contract.headers import CSP_HEADER, content_security_policy


class ContentSecurityPolicy:
    """Middleware: an HTML answer gets the course's CSP, its inline scripts (if any) allowed by hash."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            response.headers.setdefault(CSP_HEADER, content_security_policy(response.content))
        return response
