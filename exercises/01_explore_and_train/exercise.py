"""Exercises for chapter 01. Fill in each gap marked TODO, then run:

make check EXERCISE=01_explore_and_train
"""

from sklearn.model_selection import train_test_split  # noqa: F401 - you will need it
from sklearn.neighbors import KNeighborsClassifier  # noqa: F401 - you will need it
from sklearn.pipeline import Pipeline  # noqa: F401 - you will need it

from penguin_model.train import build_preprocessor  # noqa: F401 - you will need it


def missing_by_column(data):
    """Missing values per column: only columns with any, largest count first."""
    # TODO: count the missing values of each column, keep the non-zero counts, sort them.
    raise NotImplementedError("Exercise 1: count the missing values per column (see README.md).")


def stratified_split(features, target):
    """25% test set, species shares kept, the same split on every call."""
    # TODO: call train_test_split with the right test_size, stratify and random_state.
    raise NotImplementedError("Exercise 2: split with stratification and a fixed seed (see README.md).")


def knn_pipeline():
    """The course's preprocessing followed by a 7-nearest-neighbours classifier (unfitted)."""
    # TODO: build a Pipeline of build_preprocessor() and KNeighborsClassifier(n_neighbors=7).
    raise NotImplementedError("Exercise 3: build the pipeline (see README.md).")
