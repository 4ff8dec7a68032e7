"""The scikit-learn path: the fitted pipeline itself, fed one small DataFrame per call.

Exact by definition, and the reference the fast path is checked against; also the slow path, since
every call builds a DataFrame and scikit-learn checks its columns before any arithmetic happens.
"""

import math

import pandas as pd

from penguin_model.data import FEATURES


class PipelinePath:
    """Predicts with a fitted scikit-learn ``Pipeline``."""

    name = "scikit-learn pipeline"

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def probabilities(self, rows):
        """Class probabilities for validated penguins (dicts), one row per penguin."""
        # The pipeline selects columns by name. None becomes NaN, the marker the imputer fills: a
        # column holding only None (a single penguin of unknown sex) would otherwise slip past it.
        records = [[_missing_as_nan(row.get(name)) for name in FEATURES] for row in rows]
        return self.pipeline.predict_proba(pd.DataFrame(records, columns=list(FEATURES)))


def _missing_as_nan(value):
    return math.nan if value is None else value
