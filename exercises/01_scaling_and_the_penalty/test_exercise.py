"""Checks for exercise 01 · Does scaling matter? Run: make check EXERCISE=01_scaling_and_the_penalty

They compute every figure themselves, with the course's preprocessing and an unscaled one of their own,
and compare yours with them.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

from penguin_model import load_training_data
from penguin_model.data import CATEGORICAL_FEATURES, NUMERIC_FEATURES
from penguin_model.train import CV_FOLDS, RANDOM_STATE, build_preprocessor, split


def reference_unscaled():
    """The course's preprocessing with the measurements passed through: what the checks compare with."""
    categorical = make_pipeline(
        SimpleImputer(strategy="constant", fill_value="unknown"), OneHotEncoder(handle_unknown="ignore"))
    return ColumnTransformer([("numeric", "passthrough", list(NUMERIC_FEATURES)),
                              ("categorical", categorical, list(CATEGORICAL_FEATURES))])


@pytest.fixture
def training():
    """Fresh for each check, so a function that changes the table it is given spoils only its own check."""
    train_features, test_features, train_target, _ = split(*load_training_data())
    return train_features, test_features, train_target


def transformed(preprocessor, training):
    """The preprocessor fitted on the training penguins, applied to the test penguins, as an array."""
    train_features, test_features, _ = training
    result = preprocessor.fit(train_features).transform(test_features)
    return result.toarray() if hasattr(result, "toarray") else np.asarray(result)


def test_unscaled_preprocessor_passes_the_measurements_through(exercise, training):
    got = transformed(exercise.unscaled_preprocessor(), training)
    measurements = training[1][list(NUMERIC_FEATURES)].to_numpy()
    assert got.shape[1] >= measurements.shape[1], "Keep the four measurements among the output columns."
    assert np.allclose(got[:, :4], measurements), (
        "The first four output columns should be the measurements exactly as given: pass them "
        "through, do not scale them (and keep them first, in the order of NUMERIC_FEATURES).")


def test_unscaled_preprocessor_prepares_island_and_sex_as_the_course_does(exercise, training):
    got = transformed(exercise.unscaled_preprocessor(), training)
    course = transformed(build_preprocessor(), training)
    assert got.shape == course.shape, (
        f"The course's preprocessing gives {course.shape[1]} columns, yours {got.shape[1]}: island and sex "
        "need the same imputer and one-hot encoder as in build_preprocessor().")
    assert np.array_equal(got[:, 4:], course[:, 4:]), (
        "Island and sex should be imputed and one-hot encoded exactly as in build_preprocessor().")


def test_fold_accuracies_use_the_course_folds(exercise, training):
    features, _, target = training
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)
    for name, make in {"scaled": build_preprocessor, "unscaled": reference_unscaled}.items():
        expected = cross_val_score(exercise.logistic_pipeline(make()), features, target, cv=folds)
        got = np.asarray(exercise.fold_accuracies(make(), features, target), dtype=float)
        assert got.shape == expected.shape, (
            f"Return one accuracy per fold: {CV_FOLDS} numbers, not {got.size}.")
        if not np.allclose(got, expected):
            pytest.fail(f"For the {name} pipeline your accuracies, {got.round(4)}, are not those of the "
                        "course's folds: stratified and shuffled, with the course's number of folds and seed "
                        "(README.md, step 2, says where they are; chapter 01, \"Compare classifiers with "
                        "cross-validation\", builds such folds).", pytrace=False)


def test_in_kilograms_divides_body_mass_only(exercise, training):
    features = training[0]
    got = exercise.in_kilograms(features.copy())
    assert isinstance(got, pd.DataFrame), f"Return a DataFrame, not {type(got).__name__}."
    assert list(got.columns) == list(features.columns), "Keep every column, with its name and place."
    assert np.allclose(got["body_mass_g"], features["body_mass_g"] / 1000), "Divide body_mass_g by 1000."
    others = [column for column in features.columns if column != "body_mass_g"]
    assert got[others].equals(features[others]), "Leave the other columns as they are."


def test_in_kilograms_leaves_the_given_table_alone(exercise, training):
    features = training[0].copy()
    exercise.in_kilograms(features)
    assert features["body_mass_g"].min() > 1000, (
        "The table you were given now holds kilograms: change a copy instead.")


def reference_shift(logistic_pipeline, make_preprocessor, training):
    train_features, test_features, train_target = training
    probabilities = []
    for divisor in (1, 1000):
        train = train_features.assign(body_mass_g=train_features["body_mass_g"] / divisor)
        test = test_features.assign(body_mass_g=test_features["body_mass_g"] / divisor)
        fitted = logistic_pipeline(make_preprocessor()).fit(train, train_target)
        probabilities.append(fitted.predict_proba(test))
    return float(np.abs(probabilities[0] - probabilities[1]).max())


def test_the_scaled_pipeline_does_not_care_about_the_unit(exercise):
    shift = exercise.largest_probability_shift(build_preprocessor)
    assert shift < 1e-6, (
        f"With the course's scaling, a probability moved by {shift:.4f} between grams and kilograms; it "
        "should not move at all. Fit each unit on its own training table, and compare the test penguins.")


def test_the_unscaled_shift_is_measured(exercise, training):
    expected = reference_shift(exercise.logistic_pipeline, reference_unscaled, training)
    got = exercise.largest_probability_shift(reference_unscaled)
    if got != pytest.approx(expected, abs=1e-6):  # its value is for your function to find: not said here
        pytest.fail(f"Without scaling you measured a largest change of {got}, not what the course's split "
                    "gives. Split as the course does, fit once in grams and once in kilograms, and take the "
                    "largest absolute difference of predict_proba on the test penguins.", pytrace=False)


def test_explanation_cites_the_shift_and_names_the_cause(exercise, training):
    text = str(exercise.EXPLANATION)
    words = len(text.split())
    assert words >= 40, f"EXPLANATION has {words} words; explain in at least 40."
    shift = reference_shift(exercise.logistic_pipeline, reference_unscaled, training)
    if f"{shift:.1%}" not in text:
        pytest.fail("EXPLANATION does not cite the unscaled probability shift: cite what your "
                    "largest_probability_shift(unscaled_preprocessor) returns, as f\"{shift:.1%}\" "
                    "prints it.", pytrace=False)
    assert "penal" in text.lower(), "Say what the penalty has to do with it: it is the cause."
