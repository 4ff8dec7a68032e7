"""Worked solutions for the chapter 02 exercises."""

import pandas as pd

from penguin_model import InvalidInput


def describe_prediction(answer):
    """ "Gentoo (99.6%)": the species and its probability, one decimal."""
    # The ":.1%" format multiplies by 100 and adds the sign, so no arithmetic can slip.
    species = answer["species"]
    return f"{species} ({answer['probabilities'][species]:.1%})"


def split_valid_rows(model, rows):
    """Return (valid clean rows, {row index: ["field: message", ...]})."""
    # One try per row: a bad row is recorded and the loop goes on, so a client learns about every bad
    # row at once. The messages come from the schema's errors, the same words every app shows.
    valid, problems = [], {}
    for index, row in enumerate(rows):
        try:
            valid.append(model.validate(row))
        except InvalidInput as invalid:
            problems[index] = [f"{error.field}: {error.message}" for error in invalid.errors]
    return valid, problems


def predict_csv(model, path):
    """The CSV's rows with two new columns: species and probability."""
    # Read every cell as the text it is, blanks as "", and let the schema convert (from_text=True):
    # pandas' own guesses would turn a blank sex into NaN, which the schema rightly refuses as a sex.
    # One batch call validates and predicts every row together, the fast path of chapter 02.
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    clean = model.validate_batch(table.to_dict(orient="records"), from_text=True)
    answers = model.predict_batch(clean)
    table["species"] = [answer["species"] for answer in answers]
    table["probability"] = [answer["probabilities"][answer["species"]] for answer in answers]
    return table
