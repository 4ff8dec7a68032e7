"""Worked solutions for the chapter 01 exercises, with why each choice was made."""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
CATEGORIES = ["island", "sex"]


def missing_by_column(data):
    """Missing values per column: only columns with any, largest count first."""
    # isna() marks each missing cell True; summing a column of booleans counts them.
    counts = data.isna().sum()
    return counts[counts > 0].sort_values(ascending=False)


def stratified_split(features, target):
    """25% test set, species shares kept, the same split on every call."""
    # stratify keeps the rare Chinstraps in both sets in their true share; an integer seed makes the
    # shuffle repeat exactly, so a score measured today can be compared with tomorrow's.
    return train_test_split(features, target, test_size=0.25, stratify=target, random_state=0)


def knn_pipeline():
    """Preprocessing of your own, then a 7-nearest-neighbours classifier (unfitted)."""
    # A neighbour is "near" by Euclidean distance, so each measurement must count on the same scale:
    # unscaled, body mass (thousands of grams) outweighs every bill measurement (tens of millimetres).
    # StandardScaler learns each column's mean and spread from the training rows only, inside the
    # pipeline, so cross-validation never leaks test rows into them.
    # Text columns become 0/1 columns; a missing sex becomes a category of its own, "unknown", and
    # a category never seen in training is ignored instead of failing a prediction.
    categorical = make_pipeline(
        SimpleImputer(strategy="constant", fill_value="unknown"),
        OneHotEncoder(handle_unknown="ignore"),
    )
    preprocess = ColumnTransformer([("numeric", StandardScaler(), MEASUREMENTS),
                                    ("categorical", categorical, CATEGORIES)])
    return Pipeline([("preprocess", preprocess), ("classifier", KNeighborsClassifier(n_neighbors=7))])
