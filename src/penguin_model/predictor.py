"""The loaded model: validation through the shared schema, then one-row or batch prediction.

A ``PenguinModel`` predicts with one of two paths that give the same answers: the fast path
(``fast_path``, NumPy only, what the apps serve) or the scikit-learn pipeline (``pipeline_path``).
"""

from dataclasses import dataclass

from penguin_model.schema import validate_features, validate_rows

PROBABILITY_DIGITS = 4  # enough to rank classes; fewer digits keep answers short and stable


@dataclass(frozen=True)
class PenguinModel:
    """A prediction path with its model card. Apps hold one and call it for every request."""

    prediction_path: object  # FastPath or PipelinePath: .probabilities(rows) and .name
    card: dict
    folder: object = None  # the Path it was loaded from (a release's folder), when loaded from files

    @property
    def version(self):
        return self.card["model_version"]

    @property
    def classes(self):
        return self.card["classes"]

    @property
    def feature_spec(self):
        return self.card["features"]

    @property
    def pipeline(self):
        """The fitted scikit-learn pipeline, when this model was loaded with ``fast=False``."""
        return self.prediction_path.pipeline

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
        return [self._answer(row) for row in self.prediction_path.probabilities(rows)]

    def _answer(self, probabilities):
        probabilities = probabilities.tolist()  # Python floats: rounding them is much cheaper than NumPy's
        best = probabilities.index(max(probabilities))
        rounded = [round(p, PROBABILITY_DIGITS) for p in probabilities]
        return {"species": self.classes[best], "probabilities": dict(zip(self.classes, rounded, strict=True))}
