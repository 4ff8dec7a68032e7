"""Worked solutions for the chapter 03 exercises."""

from collections import Counter

from flask import Blueprint, request
from flask_demo.api import json_body
from flask_demo.loaded_model import current_model

from api_contract import validate_batch_body, validate_predict_body
from penguin_model import FieldError, InvalidInput

blueprint = Blueprint("exercises", __name__, url_prefix="/api")

SPECIES_DESCRIPTIONS = {
    "Adelie": "The smallest of the three, with a short, deep bill; found on all three islands.",
    "Chinstrap": "Named for the thin black band under its chin; in this data set only on Dream.",
    "Gentoo": "The largest, with a long, slender bill and long flippers; in this data set only on Biscoe.",
}


@blueprint.get("/species")
def species():
    """The species the model knows, in its class order, each with a description."""
    names = current_model().classes
    return {"species": [{"name": name, "description": SPECIES_DESCRIPTIONS[name]} for name in names]}


@blueprint.post("/predict/top")
def top_predictions():
    """The k most likely species for one penguin, most likely first (?k=, default 1)."""
    model = current_model()
    # k first: a bad k is the client's mistake whatever the body says. The body goes through the same
    # two calls as /api/predict, so every bad body gets the same 4xx answer, word for word.
    k = requested_k(len(model.classes))
    answer = model.predict(validate_predict_body(json_body(), model))
    ranked = sorted(answer["probabilities"].items(), key=lambda item: item[1], reverse=True)
    top = [{"species": name, "probability": probability} for name, probability in ranked[:k]]
    return {"top": top, "model_version": model.version}


def requested_k(class_count):
    """The query parameter k as an int from 1 to ``class_count``, or ``InvalidInput``."""
    text = request.args.get("k", "1")
    # isdigit() refuses "-1", "1.5", "two" and "" before int() could raise a 500 on them; the
    # InvalidInput becomes the app's 400 in errors.py, in the same shape as every other refusal.
    if not (text.isdigit() and 1 <= int(text) <= class_count):
        message = f"k must be a whole number from 1 to {class_count}; got {text!r}."
        raise InvalidInput([FieldError("k", "query_parameter", message)])
    return int(text)


@blueprint.post("/predict/batch/summary")
def batch_summary():
    """How many penguins of each species a batch holds."""
    model = current_model()
    rows = validate_batch_body(json_body(), model)
    predicted = Counter(answer["species"] for answer in model.predict_batch(rows))
    # Every class, even at 0: a client can read counts["Chinstrap"] without checking it exists.
    return {
        "counts": {name: predicted[name] for name in model.classes},
        "total": len(rows),
        "model_version": model.version,
    }
