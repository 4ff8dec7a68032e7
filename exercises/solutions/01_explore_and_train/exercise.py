"""Worked solutions for the chapter 01 exercises."""

from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline

from penguin_model.train import build_preprocessor


def missing_by_column(data):
    """Missing values per column: only columns with any, largest count first."""
    counts = data.isna().sum()
    return counts[counts > 0].sort_values(ascending=False)


def stratified_split(features, target):
    """25% test set, species shares kept, the same split on every call."""
    return train_test_split(features, target, test_size=0.25, stratify=target, random_state=0)


def knn_pipeline():
    """The course's preprocessing followed by a 7-nearest-neighbours classifier (unfitted)."""
    return Pipeline(
        [("preprocess", build_preprocessor()), ("classifier", KNeighborsClassifier(n_neighbors=7))]
    )
