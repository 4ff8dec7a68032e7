"""Exercise 05 · A migration on existing data — a worked solution.

Why: a new column that may not be NULL needs a value in every row that is already stored, so
makemigrations asks for one. The rows stored before this field existed all came from the JSON API
(there was no form yet), so "api" is the true value, not a guess. It is given as a one-off default
(option 1 of makemigrations' question, which writes ``preserve_default=False``): the migration fills
the old rows with it, and the model keeps no default, so new code must say where each new row came
from, as the course's own ``predictor.models.Prediction`` does. ``default="api"`` on the field would
pass the checks too, at the price of labelling a forgotten source "api" for ever.

``history/migrations/0002_prediction_source.py`` is makemigrations' file, unedited: it compared this
model with the state that 0001 describes (answer B) and wrote the difference, one AddField.
``migrate`` then ran it on the database, which had run only 0001; the rows stayed where they were.
"""

from django.db import models


class Prediction(models.Model):
    """One stored prediction: the penguin, the answer, the model version, and where it was asked."""

    class Source(models.TextChoices):
        API = "api", "JSON API"
        FORM = "form", "Web form"

    created_at = models.DateTimeField(auto_now_add=True)
    island = models.CharField(max_length=20)
    body_mass_g = models.FloatField()
    species = models.CharField(max_length=20)
    model_version = models.CharField(max_length=20)
    source = models.CharField(max_length=10, choices=Source.choices)

    class Meta:
        app_label = "history"
        ordering = ["id"]


WHAT_MAKEMIGRATIONS_COMPARES = "B"
