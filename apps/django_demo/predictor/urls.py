from django.urls import path, re_path

from predictor import api, views

app_name = "predictor"

urlpatterns = [
    path("", views.predict_form, name="predict"),
    path("history/", views.history_page, name="history"),
    path("api/health", api.HealthView.as_view(), name="api-health"),
    path("api/ready", api.ReadyView.as_view(), name="api-ready"),
    path("api/model", api.ModelCardView.as_view(), name="api-model"),
    path("api/openapi.json", api.OpenAPIView.as_view(), name="api-openapi"),
    path("api/predict", api.PredictView.as_view(), name="api-predict"),
    path("api/predict/batch", api.PredictBatchView.as_view(), name="api-predict-batch"),
    # Last: every other path under /api/ answers a JSON 404 (never a redirect or an HTML page).
    re_path(r"^api/(?P<unknown_path>.*)$", api.unknown_endpoint, name="api-unknown"),
]
