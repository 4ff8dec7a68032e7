"""Exercises for chapter 01. Fill in each gap marked TODO, then run:

make check EXERCISE=01_explore_and_train
"""

from sklearn.neighbors import KNeighborsClassifier  # noqa: F401 - you will need it
from sklearn.pipeline import Pipeline  # noqa: F401 - you will need it


def missing_by_column(data):
    """Missing values per column: only columns with any, largest count first."""
    # TODO: see README.md, exercise 1.
    raise NotImplementedError("Exercise 1 is not done yet (see README.md).")


def stratified_split(features, target):
    """25% test set, species shares kept, the same split on every call."""
    # TODO: see README.md, exercise 2.
    raise NotImplementedError("Exercise 2 is not done yet (see README.md).")


def knn_pipeline():
    """Preprocessing of your own, then a 7-nearest-neighbours classifier (unfitted)."""
    # TODO: see README.md, exercise 3. Import what you need from scikit-learn at the top.
    raise NotImplementedError("Exercise 3 is not done yet (see README.md).")
