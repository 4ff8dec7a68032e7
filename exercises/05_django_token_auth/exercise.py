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
        # TODO 1: see README.md, step 1 (and "Custom authentication" in DRF's guide).
        raise NotImplementedError("Step 1 is not done yet (see README.md).")

    def authenticate_header(self, request):
        # TODO 2: see README.md, step 2.
        raise NotImplementedError("Step 2 is not done yet (see README.md).")


class ProtectedPredictView(PredictView):
    """The project's prediction endpoint, for clients with a token only."""

    # TODO 3: see README.md, step 3 (and "Setting the authentication scheme" in DRF's guide).
