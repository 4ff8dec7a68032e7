"""The JSON API (design §4) as explicit DRF ``APIView`` classes.

Bodies are read with the shared strict parser and validated with the shared schema, so this API
accepts, rejects and explains exactly what the Flask one does.
"""

from django.utils.http import parse_header_parameters
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from penguin_model.contract import batch_instances, openapi_document, parse_json_body
from predictor.api_errors import json_error
from predictor.model_store import get_model
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
        return Response({"status": "ok", "model_version": get_model().version})


class ModelCardView(APIView):
    def get(self, request):
        """The model card: version, features with ranges and choices, classes, metrics."""
        return Response(get_model().card)


class OpenAPIView(APIView):
    def get(self, request):
        """The API contract itself (docs/openapi.yaml), for clients and tools such as schemathesis."""
        return Response(openapi_document())


class PredictView(APIView):
    def post(self, request):
        """Predict the species of one penguin, store the prediction and return it."""
        model = get_model()
        features = model.validate(read_json(request))
        result = model.predict(features)
        record_predictions(Prediction.Source.API, [features], [result], model.version)
        return Response({**result, "model_version": model.version})


class PredictBatchView(APIView):
    def post(self, request):
        """Predict up to 1000 penguins sent as ``{"instances": [...]}``, in order, and store them."""
        model = get_model()
        rows = model.validate_batch(batch_instances(read_json(request)))
        results = model.predict_batch(rows)
        record_predictions(Prediction.Source.BATCH, rows, results, model.version)
        return Response({"predictions": results, "model_version": model.version})


@csrf_exempt  # a JSON client has no CSRF token; the answer is a 404 whatever it sends
def unknown_endpoint(request, unknown_path=""):
    """Any other path under /api/: a JSON 404 whatever the method."""
    return json_error("not_found")
