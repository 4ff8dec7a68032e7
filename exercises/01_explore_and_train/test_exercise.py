"""Checks for the chapter 01 exercises. Run: make check EXERCISE=01_explore_and_train"""

import csv

import pytest
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
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
    got = result.to_dict() if hasattr(result, "to_dict") else dict(result)  # plain ints, to read them
    wrong = sorted(column for column in set(got) | set(expected) if got.get(column) != expected.get(column))
    if wrong:
        pytest.fail(f"Your counts are {got}; these columns are missing, wrong or should not be there: "
                    f"{wrong}. Count the missing values of every column, then keep the columns with any "
                    "(chapter 01, \"Missing values\").", pytrace=False)


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
        "The test set should hold 25% of the rows: train_test_split's documentation says which argument "
        "sets the test set's size."
    )
    assert len(train_features) + len(test_features) == len(features), "Every row goes to exactly one set."


def test_split_keeps_species_shares(split):
    _, target, (_, _, train_target, test_target) = split
    for species, share in target.value_counts(normalize=True).items():
        test_share = (test_target == species).mean()
        assert abs(test_share - share) < 0.02, (
            f"{species} is {share:.0%} of the data but {test_share:.0%} of the test set: the split should "
            "keep each species' share (which of train_test_split's arguments does that?)."
        )
    assert set(train_target) == set(target), "Every species should appear in the training set."


def test_split_is_reproducible(exercise, split):
    features, target, (_, test_features, _, _) = split
    again = exercise.stratified_split(features, target)[1]
    assert list(again.index) == list(test_features.index), (
        "Two calls gave different splits: the shuffle needs a fixed seed, an integer."
    )


def test_pipeline_ends_with_seven_neighbours(exercise):
    pipeline = exercise.knn_pipeline()
    assert isinstance(pipeline, Pipeline), "Return a sklearn.pipeline.Pipeline."
    classifier = pipeline.steps[-1][1]
    assert isinstance(classifier, KNeighborsClassifier), "The last step should be a KNeighborsClassifier."
    assert classifier.n_neighbors == 7, "Use n_neighbors=7."
    assert not hasattr(classifier, "classes_"), "Return the pipeline unfitted: the check fits it."


def fitted(pipeline, features, target):
    """``pipeline`` fitted; a pipeline that cannot take the raw data fails the check in words."""
    try:
        return pipeline.fit(features, target)
    except (ValueError, TypeError) as problem:
        pytest.fail(
            f"Your pipeline could not be fitted on the raw training features: {problem}\n"
            "They hold text (island, sex) and missing values (sex): the preprocessing must turn every "
            "column into numbers before the classifier sees them.",
            pytrace=False,
        )


def test_pipeline_does_not_depend_on_the_unit_of_body_mass(exercise):
    # Scaled measurements make distances the same whatever the unit: with body mass in kilograms
    # instead of grams, every test penguin must keep its predicted species.
    features, target = load_training_data()
    train_features, test_features, train_target, _ = train_test_split(
        features, target, test_size=0.25, stratify=target, random_state=0)
    in_grams = fitted(exercise.knn_pipeline(), train_features, train_target).predict(test_features)
    train_kg, test_kg = (frame.assign(body_mass_g=frame["body_mass_g"] / 1000)
                         for frame in (train_features, test_features))
    predicted = fitted(exercise.knn_pipeline(), train_kg, train_target).predict(test_kg)
    changed = int((in_grams != predicted).sum())
    assert changed == 0, (
        f"With body mass in kilograms instead of grams, {changed} of {len(test_features)} test penguins get "
        "another species. Nearest neighbours are found by distance, and a distance depends on the units "
        "unless every measurement is brought to a common scale first."
    )


def test_pipeline_classifies_well(exercise):
    features, target = load_training_data()
    fitted(exercise.knn_pipeline(), features, target)  # a readable message if it cannot be fitted at all
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    accuracy = cross_val_score(exercise.knn_pipeline(), features, target, cv=folds).mean()
    assert accuracy > 0.95, (
        f"Cross-validated accuracy is only {accuracy:.1%}; the course's pipeline reaches about 99%. "
        "Are the measurements scaled, and are island and sex encoded?"
    )
