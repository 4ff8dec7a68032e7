"""The API has one representation, JSON: DRF picks it whatever the client's ``Accept`` header asks for."""

from rest_framework.negotiation import BaseContentNegotiation


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Always answer JSON (never DRF's browsable HTML page), and parse no body on DRF's side."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
