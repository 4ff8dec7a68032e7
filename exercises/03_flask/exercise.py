"""Exercises for chapter 03. Fill in each gap marked TODO, then run:

make check EXERCISE=03_flask

The checks register ``blueprint`` on the course's app, so these views run inside it.
"""

from flask import Blueprint, request  # noqa: F401 - you will need request
from flask_demo.api import json_body  # noqa: F401 - you will need it
from flask_demo.loaded_model import current_model  # noqa: F401 - you will need it

from api_contract import validate_batch_body, validate_predict_body  # noqa: F401 - you will need them
from penguin_model import FieldError, InvalidInput  # noqa: F401 - you will need them

blueprint = Blueprint("exercises", __name__, url_prefix="/api")

SPECIES_DESCRIPTIONS = {
    "Adelie": "The smallest of the three, with a short, deep bill; found on all three islands.",
    "Chinstrap": "Named for the thin black band under its chin; in this data set only on Dream.",
    "Gentoo": "The largest, with a long, slender bill and long flippers; in this data set only on Biscoe.",
}


@blueprint.get("/species")
def species():
    """The species the model knows, in its class order, each with a description."""
    # TODO: build {"species": [{"name": ..., "description": ...}, ...]} from current_model().classes.
    raise NotImplementedError("Exercise 1: list the species with their descriptions (see README.md).")


@blueprint.post("/predict/top")
def top_predictions():
    """The k most likely species for one penguin, most likely first (?k=, default 1)."""
    # TODO: read k from request.args, check it, validate the body, predict, keep the k largest.
    raise NotImplementedError("Exercise 2: return the top-k probabilities (see README.md).")


@blueprint.post("/predict/batch/summary")
def batch_summary():
    """How many penguins of each species a batch holds."""
    # TODO: validate the batch, predict it, count the predicted species (every class, even 0).
    raise NotImplementedError("Exercise 3: count the species in a batch (see README.md).")
