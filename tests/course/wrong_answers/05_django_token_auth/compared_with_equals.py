"""A wrong answer to exercise 05 · Token authentication: tokens are compared with ``==``.

It accepts and refuses exactly the right tokens, so every check on answers passes; but ``==`` stops at
the first character that differs, so how long it takes tells an attacker how much of a guess is right.
The README asks for ``secrets.compare_digest``.
"""

from django.conf import settings
from predictor.api import PredictView
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated

# The check meant to catch this answer, and words of its message.
CAUGHT_BY = ("test_tokens_are_compared_in_constant_time", "not by compare_digest")

SCHEME = "Bearer"


class ApiClient:
    """Who sent a request with a valid token. DRF's IsAuthenticated asks ``is_authenticated``."""

    is_authenticated = True


class BearerTokenAuthentication(BaseAuthentication):
    """Accept requests that carry ``Authorization: Bearer <one of PREDICTION_API_TOKENS>``."""

    def authenticate(self, request):
        # HTTP scheme names are case-insensitive ("bearer" is as good as "Bearer").
        scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != SCHEME.lower() or not token.strip():
            # None, not an error: another scheme, or none, is not an attempt to use a token. DRF then
            # tries the next authentication class, and IsAuthenticated answers 401 not_authenticated.
            return None
        token = token.strip()
        # Read the setting on every request: tokens can be rotated without touching code.
        if not any(same_token(token, known) for known in settings.PREDICTION_API_TOKENS):
            raise exceptions.AuthenticationFailed("This token is not valid; ask the server's operator.")
        return ApiClient(), token  # DRF's (user, auth) pair: request.user and request.auth

    def authenticate_header(self, request):
        # What DRF puts in WWW-Authenticate. A 401 must carry that header, so without a scheme DRF
        # falls back to 403 Forbidden, which tells the client "no" instead of "how".
        return SCHEME


def same_token(sent, known):
    """Whether the token sent is this known one."""
    return sent == known  # wrong: == returns sooner the earlier the tokens differ


class ProtectedPredictView(PredictView):
    """The project's prediction endpoint, for clients with a token only."""

    # Per view, not in REST_FRAMEWORK's defaults: only this endpoint changes, and the class attribute
    # shows a reader who may call it right where the view is defined.
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]
