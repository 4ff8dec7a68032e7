"""The stored history: one row per prediction, whichever way it was asked for."""

from django.conf import settings
from django.db import models


class Prediction(models.Model):
    """One prediction: the penguin's features, the answer, the model version and when."""

    class Source(models.TextChoices):
        API = "api", "JSON API"
        BATCH = "batch", "JSON API (batch)"
        FORM = "form", "Web form"

    # Indexed: the fields the admin filters and sorts by, so its list stays fast with a long history.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(max_length=10, choices=Source.choices, db_index=True)
    island = models.CharField(max_length=20, db_index=True)
    bill_length_mm = models.FloatField()
    bill_depth_mm = models.FloatField()
    flipper_length_mm = models.FloatField()
    body_mass_g = models.FloatField()
    sex = models.CharField(max_length=10, blank=True, db_index=True, help_text="Empty when not given.")
    species = models.CharField(max_length=20, db_index=True)
    probabilities = models.JSONField(help_text="Probability of each species.")
    model_version = models.CharField(max_length=20, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.species} ({self.island}, {self.created_at:%Y-%m-%d %H:%M})"

    @property
    def confidence(self):
        """The probability of the predicted species."""
        return self.probabilities.get(self.species)


class IdempotentRequest(models.Model):
    """A prediction request sent with an Idempotency-Key, and its answer (``predictor.idempotency``)."""

    key = models.CharField(max_length=255, unique=True)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request's method, path and body.")
    # Text, not a JSONField: PostgreSQL's jsonb reorders keys, and a repeat gets the first answer as it was.
    answer = models.TextField(help_text="The answer the first request got, as JSON; a repeat gets it again.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


def record_predictions(source, features_list, results, model_version):
    """Store one row per (features, result) pair in one transaction; return the rows (none when the
    settings say not to store: ``STORE_PREDICTIONS``)."""
    if not settings.STORE_PREDICTIONS:
        return []
    rows = [
        Prediction(
            source=source,
            island=features["island"],
            bill_length_mm=features["bill_length_mm"],
            bill_depth_mm=features["bill_depth_mm"],
            flipper_length_mm=features["flipper_length_mm"],
            body_mass_g=features["body_mass_g"],
            sex=features.get("sex") or "",
            species=result["species"],
            probabilities=result["probabilities"],
            model_version=model_version,
        )
        for features, result in zip(features_list, results, strict=True)
    ]
    return Prediction.objects.bulk_create(rows)
