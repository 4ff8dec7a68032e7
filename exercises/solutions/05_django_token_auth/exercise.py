"""Exercise 05 · Token authentication for the prediction API — a worked solution."""

import secrets

from django.conf import settings
from predictor.api import PredictView
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated

SCHEME = "Bearer"


class ApiClient:
    """Who sent a request with a valid token. DRF's IsAuthenticated asks ``is_authenticated``."""

    is_authenticated = True


class BearerTokenAuthentication(BaseAuthentication):
    """Accept requests that carry ``Authorization: Bearer <one of PREDICTION_API_TOKENS>``."""

    def authenticate(self, request):
        scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != SCHEME.lower() or not token.strip():
            return None  # not an attempt to authenticate: the permission check answers 401
        token = token.strip()
        if not any(same_token(token, known) for known in settings.PREDICTION_API_TOKENS):
            raise exceptions.AuthenticationFailed("This token is not valid; ask the server's operator.")
        return ApiClient(), token

    def authenticate_header(self, request):
        return SCHEME


def same_token(sent, known):
    """Compare in constant time; as bytes, because compare_digest refuses non-ASCII text."""
    return secrets.compare_digest(sent.encode("utf-8"), known.encode("utf-8"))


class ProtectedPredictView(PredictView):
    """The project's prediction endpoint, for clients with a token only."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]
