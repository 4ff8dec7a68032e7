"""Exercise 05 · A migration on existing data (see README.md).

This is the ``history`` app's model, as the project stored predictions before it had a web form.
Change it here; run ``manage.py`` (beside this file) to make and apply the migration.
"""

from django.db import models


class Prediction(models.Model):
    """One stored prediction: the penguin, the answer and the model version."""

    created_at = models.DateTimeField(auto_now_add=True)
    island = models.CharField(max_length=20)
    body_mass_g = models.FloatField()
    species = models.CharField(max_length=20)
    model_version = models.CharField(max_length=20)
    # TODO 1: the field `source` (see README.md), and a value for the rows stored before it existed.

    class Meta:
        app_label = "history"
        ordering = ["id"]


# TODO 3: what does `makemigrations` compare to decide what to write? The letter of the right answer
# in README.md, e.g. "A".
WHAT_MAKEMIGRATIONS_COMPARES = None
