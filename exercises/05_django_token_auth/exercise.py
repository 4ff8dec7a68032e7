"""Exercise 05 · Token authentication for the prediction API (see README.md)."""

import secrets  # noqa: F401 - you need secrets.compare_digest

from django.conf import settings  # noqa: F401 - settings.PREDICTION_API_TOKENS holds the tokens
from predictor.api import PredictView
from rest_framework import exceptions  # noqa: F401 - exceptions.AuthenticationFailed
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated  # noqa: F401


class ApiClient:
    """Who sent a request with a valid token. DRF's IsAuthenticated asks ``is_authenticated``."""

    is_authenticated = True


class BearerTokenAuthentication(BaseAuthentication):
    """Accept requests that carry ``Authorization: Bearer <one of PREDICTION_API_TOKENS>``."""

    def authenticate(self, request):
        # TODO 1: read the Authorization header; return None when there is no bearer token, raise
        # exceptions.AuthenticationFailed for an unknown token, return (ApiClient(), token) for a
        # known one. Compare with secrets.compare_digest.
        raise NotImplementedError(
            "Read request.META.get('HTTP_AUTHORIZATION', ''), check the token against "
            "settings.PREDICTION_API_TOKENS and return None, raise AuthenticationFailed, or "
            "return (ApiClient(), token)."
        )

    def authenticate_header(self, request):
        # TODO 2: the scheme a client should use, for the WWW-Authenticate header of a 401.
        raise NotImplementedError('Return "Bearer".')


class ProtectedPredictView(PredictView):
    """The project's prediction endpoint, for clients with a token only."""

    # TODO 3: set authentication_classes = [BearerTokenAuthentication] and
    # permission_classes = [IsAuthenticated].
