"""The JSON API of docs/openapi.yaml, as explicit DRF ``APIView`` classes.

Bodies are read with the contract's strict parser and validated through the model's schema, so
this API accepts, rejects and explains exactly what the Flask one does.
"""

from django.db import connection
from django.utils.http import parse_header_parameters
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from api_contract import openapi_document, parse_json_body, validate_batch_body, validate_predict_body
from penguin_model import ModelLoadError
from predictor.errors import json_error
from predictor.idempotency import answered_once
from predictor.loaded_model import current_model
from predictor.models import Prediction, record_predictions


def read_json(request):
    """The request body as strict JSON; 415 unless it is declared as JSON, 400 unless it is."""
    media_type, _ = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    if media_type != "application/json":
        raise exceptions.UnsupportedMediaType(media_type or "(none)")
    return parse_json_body(request.body)  # raises InvalidJSON, or RequestDataTooBig over the limit


class HealthView(APIView):
    def get(self, request):
        """Say that the server is up and which model version it serves."""
        return Response({"status": "ok", "model_version": current_model().version})


class ReadyView(APIView):
    def get(self, request):
        """Say whether the server can serve: its model loaded and its database answering; else a 503."""
        try:
            model = current_model()
        except ModelLoadError:
            return json_error("service_unavailable")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # a database that is down raises: errors.DatabaseOutage answers 503
        return Response({"status": "ready", "model_version": model.version})


class ModelCardView(APIView):
    def get(self, request):
        """The model card: version, features with ranges and choices, classes, metrics."""
        return Response(current_model().card)


class OpenAPIView(APIView):
    def get(self, request):
        """The API contract itself (docs/openapi.yaml), for clients and tools such as schemathesis."""
        return Response(openapi_document())


class PredictView(APIView):
    def post(self, request):
        """Predict one penguin's species, store the prediction and return it (once per Idempotency-Key)."""

        def predict_and_store():
            model = current_model()
            features = validate_predict_body(read_json(request), model)
            result = model.predict(features)
            record_predictions(Prediction.Source.API, [features], [result], model.version)
            return {**result, "model_version": model.version}

        return answered_once(request, predict_and_store)


class PredictBatchView(APIView):
    def post(self, request):
        """Predict up to 1000 penguins sent as ``{"instances": [...]}``, in order, and store them (once per
        Idempotency-Key)."""

        def predict_and_store():
            model = current_model()
            rows = validate_batch_body(read_json(request), model)
            results = model.predict_batch(rows)
            record_predictions(Prediction.Source.BATCH, rows, results, model.version)
            return {"predictions": results, "model_version": model.version}

        return answered_once(request, predict_and_store)


@csrf_exempt  # a JSON client has no CSRF token; the answer is a 404 whatever it sends
def unknown_endpoint(request, unknown_path=""):
    """Any other path under /api/: a JSON 404 whatever the method."""
    return json_error("not_found")
