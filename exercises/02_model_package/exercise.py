"""Exercises for chapter 02. Fill in each gap marked TODO, then run:

make check EXERCISE=02_model_package
"""

import pandas as pd  # noqa: F401 - you will need it

from penguin_model import InvalidInput  # noqa: F401 - you will need it


def describe_prediction(answer):
    """ "Gentoo (99.6%)": the species and its probability, one decimal."""
    # TODO: look up the predicted species' probability and format it as a percentage.
    raise NotImplementedError("Exercise 1: format the answer (see README.md).")


def split_valid_rows(model, rows):
    """Return (valid clean rows, {row index: ["field: message", ...]})."""
    # TODO: validate each row with model.validate; catch InvalidInput for the bad ones.
    raise NotImplementedError("Exercise 2: validate each row (see README.md).")


def predict_csv(model, path):
    """The CSV's rows with two new columns: species and probability."""
    # TODO: read the file, validate with from_text=True, predict the batch, add the columns.
    raise NotImplementedError("Exercise 3: predict a CSV file (see README.md).")
