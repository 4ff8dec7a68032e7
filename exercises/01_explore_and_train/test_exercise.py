"""Checks for the chapter 01 exercises. Run: make check EXERCISE=01_explore_and_train"""

import csv

import pytest
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline

from penguin_model import load_penguins, load_training_data
from penguin_model.data import DATA_PATH


def count_na_cells():
    """Count the "NA" cells straight from the CSV text, independently of pandas."""
    with open(DATA_PATH, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return {column: sum(row[column] == "NA" for row in rows) for column in rows[0]}


def test_missing_values_are_counted(exercise):
    result = exercise.missing_by_column(load_penguins())
    expected = {column: count for column, count in count_na_cells().items() if count}
    assert dict(result) == expected, f"Expected these missing counts: {expected}; got {dict(result)}."


def test_missing_values_are_sorted_largest_first(exercise):
    result = exercise.missing_by_column(load_penguins())
    assert list(result) == sorted(result, reverse=True), "Sort the counts, largest first."
    assert result.index[0] == "sex", "The column with the most missing values should come first."


@pytest.fixture
def split(exercise):
    features, target = load_training_data()
    return features, target, exercise.stratified_split(features, target)


def test_split_puts_a_quarter_in_the_test_set(split):
    features, _, (train_features, test_features, train_target, test_target) = split
    assert len(test_features) == len(test_target) == round(0.25 * len(features)), (
        "The test set should hold 25% of the rows (test_size=0.25)."
    )
    assert len(train_features) + len(test_features) == len(features), "Every row goes to exactly one set."


def test_split_keeps_species_shares(split):
    _, target, (_, _, train_target, test_target) = split
    for species, share in target.value_counts(normalize=True).items():
        test_share = (test_target == species).mean()
        assert abs(test_share - share) < 0.02, (
            f"{species} is {share:.0%} of the data but {test_share:.0%} of the test set: use stratify=target."
        )
    assert set(train_target) == set(target)


def test_split_is_reproducible(exercise, split):
    features, target, (_, test_features, _, _) = split
    again = exercise.stratified_split(features, target)[1]
    assert list(again.index) == list(test_features.index), (
        "Two calls gave different splits: pass a fixed integer random_state."
    )


def test_pipeline_ends_with_seven_neighbours(exercise):
    pipeline = exercise.knn_pipeline()
    assert isinstance(pipeline, Pipeline), "Return a sklearn.pipeline.Pipeline."
    classifier = pipeline.steps[-1][1]
    assert isinstance(classifier, KNeighborsClassifier), "The last step should be a KNeighborsClassifier."
    assert classifier.n_neighbors == 7, "Use n_neighbors=7."
    assert not hasattr(classifier, "classes_"), "Return the pipeline unfitted: the check fits it."


def test_pipeline_scales_and_classifies_well(exercise):
    features, target = load_training_data()
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    accuracy = cross_val_score(exercise.knn_pipeline(), features, target, cv=folds).mean()
    assert accuracy > 0.95, (
        f"Cross-validated accuracy is only {accuracy:.1%}. Did the pipeline keep the preprocessing step "
        "that scales the measurements?"
    )
