"""The loaded model: validation through the shared schema, then one-row or batch prediction."""

import math
from dataclasses import dataclass

import pandas as pd

from penguin_model.data import FEATURES
from penguin_model.schema import validate_features, validate_rows

PROBABILITY_DIGITS = 4  # enough to rank classes; fewer digits keep answers short and stable


@dataclass(frozen=True)
class PenguinModel:
    """A fitted pipeline with its model card. Apps hold one and call it for every request."""

    pipeline: object
    card: dict

    @property
    def version(self):
        return self.card["model_version"]

    @property
    def classes(self):
        return self.card["classes"]

    @property
    def feature_spec(self):
        return self.card["features"]

    def validate(self, data, *, from_text=False):
        """Clean features for one penguin, or ``InvalidInput`` naming each bad field."""
        return validate_features(data, self.feature_spec, from_text=from_text)

    def validate_batch(self, rows, *, from_text=False):
        """Clean features for a list of penguins, or ``InvalidInput`` naming row and field: ``[3].island``."""
        return validate_rows(rows, self.feature_spec, from_text=from_text)

    def predict(self, features):
        """Species and class probabilities for one validated penguin."""
        return self.predict_batch([features])[0]

    def predict_batch(self, rows):
        """Species and class probabilities for each validated penguin, in order."""
        # One small DataFrame for the whole batch: the pipeline selects columns by name.
        # None becomes NaN, the marker the imputer fills: a column holding only None
        # (a single penguin of unknown sex) would otherwise slip past it.
        records = [[_missing_as_nan(row.get(name)) for name in FEATURES] for row in rows]
        frame = pd.DataFrame(records, columns=list(FEATURES))
        probabilities = self.pipeline.predict_proba(frame)
        classes = self.pipeline.classes_.tolist()
        return [self._answer(classes, row) for row in probabilities]

    @staticmethod
    def _answer(classes, row):
        best = int(row.argmax())
        return {
            "species": classes[best],
            "probabilities": {
                name: round(float(p), PROBABILITY_DIGITS) for name, p in zip(classes, row, strict=True)
            },
        }


def _missing_as_nan(value):
    return math.nan if value is None else value
