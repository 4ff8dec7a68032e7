from django.apps import AppConfig


class PredictorConfig(AppConfig):
    """The predictor app: penguin predictions over JSON and HTML, and their stored history."""

    name = "predictor"
    verbose_name = "Penguin predictions"
