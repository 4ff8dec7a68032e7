"""The fast prediction path: the fitted pipeline's arithmetic, written out with NumPy.

The course's pipeline scales the four measurements, one-hot encodes island and sex (a missing sex
is the category "unknown") and feeds the result to a logistic regression. For one penguin that is
a few multiplications and a softmax: microseconds. scikit-learn does the same arithmetic, but first
builds and checks a DataFrame for every call, which takes a thousand times longer (chapter 02
measures where the time goes). So at training time the fitted numbers are read out of the pipeline,
checked against it on every penguin of the data set, and saved as JSON beside the model; a server
then predicts with NumPy alone and never imports pandas or scikit-learn.

Only this shape of pipeline can be written out this way. For any other (a random forest, say),
``FastPathUnavailable`` says why, and the model is served by its scikit-learn pipeline instead.
"""

import numpy as np

from penguin_model.data import CATEGORICAL_FEATURES, NUMERIC_FEATURES, load_training_data

# Largest difference from the pipeline's probabilities that the export accepts (float rounding only).
TOLERANCE = 1e-9


class FastPathUnavailable(ValueError):
    """The pipeline cannot be written out as the fast path; the message says why."""


class FastPath:
    """Predicts from the numbers read out of a fitted pipeline (see ``parameters_of``)."""

    name = "fast path (NumPy)"

    def __init__(self, parameters):
        self.parameters = parameters  # plain numbers and names: saved as JSON beside the model
        self._mean = np.array(parameters["mean"])
        self._scale = np.array(parameters["scale"])
        # Where each category's one-hot column sits, after the scaled measurements.
        columns, self._columns = len(NUMERIC_FEATURES), {}
        for feature in CATEGORICAL_FEATURES:
            categories = parameters["categories"][feature]
            self._columns[feature] = {category: columns + index for index, category in enumerate(categories)}
            columns += len(categories)
        self._width = columns
        self._coef = np.array(parameters["coef"]).T
        self._intercept = np.array(parameters["intercept"])

    def probabilities(self, rows):
        """Class probabilities for validated penguins (dicts), one row per penguin."""
        encoded = np.zeros((len(rows), self._width))
        measurements = [[row[name] for name in NUMERIC_FEATURES] for row in rows]
        encoded[:, : len(NUMERIC_FEATURES)] = (np.array(measurements, dtype=float) - self._mean) / self._scale
        missing = self.parameters["missing_category"]  # what the imputer puts in for a missing value
        ones = []  # (row, column) of every one-hot 1; a category the encoder never saw stays all zeros
        for index, row in enumerate(rows):
            for feature, columns in self._columns.items():
                column = columns.get(row.get(feature) or missing)
                if column is not None:
                    ones.append((index, column))
        if ones:
            encoded[tuple(zip(*ones, strict=True))] = 1.0  # one NumPy assignment for all of them
        scores = encoded @ self._coef + self._intercept
        exponentials = np.exp(scores - scores.max(axis=1, keepdims=True))  # softmax, safe from overflow
        return exponentials / exponentials.sum(axis=1, keepdims=True)


def export_fast_path(pipeline):
    """The checked fast path of a fitted pipeline, or ``FastPathUnavailable`` saying why there is none."""
    fast_path = FastPath(parameters_of(pipeline))
    features, _ = load_training_data()
    rows = features.astype(object).where(features.notna(), None).to_dict(orient="records")  # NaN -> None
    difference = np.abs(fast_path.probabilities(rows) - pipeline.predict_proba(features)).max()
    if difference > TOLERANCE:
        raise FastPathUnavailable(f"The fast path differs from the pipeline by up to {difference:.1e}.")
    return fast_path


def parameters_of(pipeline):
    """The fitted numbers of the course's pipeline (scaler, imputer, encoder, logistic regression)."""
    from sklearn.linear_model import LogisticRegression

    try:
        classifier = pipeline.named_steps["classifier"]
        if not isinstance(classifier, LogisticRegression) or len(classifier.classes_) < 3:
            raise FastPathUnavailable(
                f"The classifier is {type(classifier).__name__} with {len(classifier.classes_)} classes; "
                "the fast path covers logistic regression over three or more classes only."
            )
        transformers = {name: step for name, step, _ in pipeline.named_steps["preprocess"].transformers_}
        scaler, categorical = transformers["numeric"], transformers["categorical"]
        imputer, encoder = categorical.named_steps["simpleimputer"], categorical.named_steps["onehotencoder"]
        return {
            "classes": classifier.classes_.tolist(),
            "mean": scaler.mean_.tolist(),
            "scale": scaler.scale_.tolist(),
            "missing_category": imputer.fill_value,
            "categories": {name: list(map(str, values))
                           for name, values in zip(CATEGORICAL_FEATURES, encoder.categories_, strict=True)},
            "coef": classifier.coef_.tolist(),
            "intercept": classifier.intercept_.tolist(),
        }
    except (AttributeError, KeyError, ValueError) as problem:
        message = f"The pipeline does not have the shape the fast path knows ({problem})."
        raise FastPathUnavailable(message) from None
