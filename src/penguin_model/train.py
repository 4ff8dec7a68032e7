"""Train, compare and evaluate the penguin classifier; ``python -m penguin_model.train`` saves it."""

import argparse
import platform
from importlib.metadata import version

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from penguin_model.data import (
    CATEGORICAL_FEATURES,
    DATA_PATH,
    NUMERIC_FEATURES,
    file_sha256,
    load_training_data,
)
from penguin_model.persistence import TRACKED_PACKAGES, save_model
from penguin_model.schema import derive_feature_spec

MODEL_VERSION = "1.0.0"
RANDOM_STATE = 42  # one seed for the split, the folds and every model, so runs repeat exactly
TEST_SIZE = 0.2
CV_FOLDS = 5


def candidate_classifiers():
    """The classifiers the course compares; each is a fresh, unfitted estimator."""
    return {
        "logistic_regression": LogisticRegression(max_iter=1000, random_state=RANDOM_STATE),
        "random_forest": RandomForestClassifier(n_estimators=200, random_state=RANDOM_STATE),
        "k_nearest_neighbours": KNeighborsClassifier(n_neighbors=5),
    }


def build_preprocessor():
    """Scale the measurements; one-hot encode island and sex, with a missing sex as "unknown"."""
    categorical = make_pipeline(
        SimpleImputer(strategy="constant", fill_value="unknown"),
        OneHotEncoder(handle_unknown="ignore"),
    )
    return ColumnTransformer(
        [
            ("numeric", StandardScaler(), list(NUMERIC_FEATURES)),
            ("categorical", categorical, list(CATEGORICAL_FEATURES)),
        ]
    )


def build_pipeline(classifier):
    """The whole model: preprocessing and classifier in one object, fitted and saved together."""
    return Pipeline([("preprocess", build_preprocessor()), ("classifier", classifier)])


def split(features, target):
    """Hold out a stratified test set before anything is fitted."""
    return train_test_split(features, target, test_size=TEST_SIZE, stratify=target, random_state=RANDOM_STATE)


def compare_classifiers(features, target):
    """Cross-validate every candidate on the training set; return a table, best first."""
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)
    rows = []
    for name, classifier in candidate_classifiers().items():
        scores = cross_validate(
            build_pipeline(classifier), features, target, cv=folds, scoring=["accuracy", "f1_macro"]
        )
        rows.append(
            {
                "classifier": name,
                "accuracy_mean": scores["test_accuracy"].mean(),
                "accuracy_std": scores["test_accuracy"].std(),
                "f1_macro_mean": scores["test_f1_macro"].mean(),
            }
        )
    # Ties keep the listed order, which puts the simplest, fastest model first.
    table = pd.DataFrame(rows).sort_values("accuracy_mean", ascending=False, kind="stable")
    return table.reset_index(drop=True)


def evaluate(pipeline, features, target):
    """Accuracy, macro F1 and the confusion matrix (rows: true class, columns: predicted)."""
    predicted = pipeline.predict(features)
    classes = pipeline.classes_.tolist()
    return {
        "accuracy": round(accuracy_score(target, predicted), 4),
        "f1_macro": round(f1_score(target, predicted, average="macro"), 4),
        "confusion_matrix": confusion_matrix(target, predicted, labels=classes).tolist(),
        "n_samples": len(target),
    }


def train(data_path=DATA_PATH, model_version=MODEL_VERSION):
    """Split, compare, fit the best classifier and evaluate it once on the test set.

    Returns ``(pipeline, card, comparison)``; ``card`` is the model card saved beside the model,
    under ``model_version`` (chapter 07 rolls out a retrained model under a new one).
    """
    features, target = load_training_data(data_path)
    train_features, test_features, train_target, test_target = split(features, target)
    comparison = compare_classifiers(train_features, train_target)
    best = comparison.iloc[0]
    pipeline = build_pipeline(candidate_classifiers()[best["classifier"]])
    pipeline.fit(train_features, train_target)
    card = {
        "model_version": model_version,
        "classifier": best["classifier"],
        "classes": pipeline.classes_.tolist(),
        "features": derive_feature_spec(train_features),
        "metrics": {
            "cross_validation": {
                "folds": CV_FOLDS,
                "accuracy_mean": round(float(best["accuracy_mean"]), 4),
                "accuracy_std": round(float(best["accuracy_std"]), 4),
                "f1_macro_mean": round(float(best["f1_macro_mean"]), 4),
            },
            "test": evaluate(pipeline, test_features, test_target),
        },
        "training_data": {
            "file": "data/penguins.csv",
            "sha256": file_sha256(data_path),
            "rows_used": len(features),
            "train_rows": len(train_features),
            "test_rows": len(test_features),
            "random_state": RANDOM_STATE,
        },
        "versions": {"python": platform.python_version()}
        | {package: version(package) for package in TRACKED_PACKAGES},
    }
    return pipeline, card, comparison


def main(argv=None):
    parser = argparse.ArgumentParser(description="Train the penguin model and save it.")
    parser.add_argument("--output", help="a folder for the model's files (default: a new release of the "
                                         "folder PENGUIN_MODEL_DIR names, or of models/, made current)")
    parser.add_argument("--model-version", default=MODEL_VERSION,
                        help=f"the version the model card records (default {MODEL_VERSION})")
    args = parser.parse_args(argv)
    pipeline, card, comparison = train(model_version=args.model_version)
    print(comparison.round(4).to_string(index=False))
    path = save_model(pipeline, card, args.output)
    test = card["metrics"]["test"]
    print(f"Saved {card['classifier']} to {path} (test accuracy {test['accuracy']:.3f}).")


if __name__ == "__main__":
    main()
