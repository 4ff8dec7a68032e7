"""Exercise 01 · Does scaling matter to a logistic regression? (see README.md).

Fill in the gaps marked TODO, then run: make check EXERCISE=01_scaling_and_the_penalty
"""

from sklearn.compose import ColumnTransformer  # noqa: F401 - you will need it
from sklearn.impute import SimpleImputer  # noqa: F401 - you will need it
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score  # noqa: F401 - you will need them
from sklearn.pipeline import Pipeline, make_pipeline  # noqa: F401 - you will need make_pipeline
from sklearn.preprocessing import OneHotEncoder  # noqa: F401 - you will need it

from penguin_model import load_training_data  # noqa: F401 - you will need it
from penguin_model.data import CATEGORICAL_FEATURES, NUMERIC_FEATURES  # noqa: F401 - you will need them
from penguin_model.train import CV_FOLDS, RANDOM_STATE, build_preprocessor, split  # noqa: F401


def logistic_pipeline(preprocessor):
    """The course's classifier after ``preprocessor``, unfitted. (Given: no gap here.)

    The course's model uses scikit-learn's default solver, which on unscaled numbers stops before it
    has finished (a ConvergenceWarning) and would blur what you measure. "newton-cholesky" finds the
    same best fit in a few steps, scaled or not, so any difference you see comes from the penalty.
    """
    classifier = LogisticRegression(solver="newton-cholesky", max_iter=1000, random_state=RANDOM_STATE)
    return Pipeline([("preprocess", preprocessor), ("classifier", classifier)])


def unscaled_preprocessor():
    """The course's preprocessing, except that the measurements are passed through unscaled."""
    # TODO 1: a ColumnTransformer like build_preprocessor()'s, with the measurements left as they are.
    raise NotImplementedError("Exercise 1: build the unscaled preprocessing (see README.md).")


def fold_accuracies(preprocessor, features, target):
    """The accuracy of ``logistic_pipeline(preprocessor)`` on each of the course's stratified folds."""
    # TODO 2: cross-validate with stratified, shuffled folds: the course's count and seed.
    raise NotImplementedError("Exercise 2: cross-validate (see README.md).")


def in_kilograms(features):
    """A copy of ``features`` with body mass in kilograms (same column name)."""
    # TODO 3: change a copy, never the table you were given.
    raise NotImplementedError("Exercise 3: convert body mass (see README.md).")


def largest_probability_shift(make_preprocessor):
    """The largest change in a test penguin's probabilities when body mass is in kg instead of g."""
    # TODO 4: split as the course does; fit once per unit; compare predict_proba on the test penguins.
    raise NotImplementedError("Exercise 4: measure the shift (see README.md).")


# TODO 5: which pipeline depends on the unit, by how much, and why? At least 40 words; cite your
# unscaled shift as f"{shift:.1%}" prints it.
EXPLANATION = ""
