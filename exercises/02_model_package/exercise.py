"""Exercises for chapter 02. Fill in each gap marked TODO, then run:

make check EXERCISE=02_model_package
"""

import pandas as pd  # noqa: F401 - you will need it

from penguin_model import InvalidInput  # noqa: F401 - you will need it


def describe_prediction(answer):
    """ "Gentoo (99.6%)": the species and its probability, one decimal."""
    # TODO: see README.md, exercise 1.
    raise NotImplementedError("Exercise 1 is not done yet (see README.md).")


def split_valid_rows(model, rows):
    """Return (valid clean rows, {row index: ["field: message", ...]})."""
    # TODO: see README.md, exercise 2.
    raise NotImplementedError("Exercise 2 is not done yet (see README.md).")


def predict_csv(model, path):
    """The CSV's rows with two new columns: species and probability."""
    # TODO: see README.md, exercise 3.
    raise NotImplementedError("Exercise 3 is not done yet (see README.md).")
