"""The HTML pages: a form built from the model card, the prediction, and messages per field; and the
page for an address that has none."""

from flask import Blueprint, render_template, request

from flask_demo.loaded_model import current_model
from penguin_model import InvalidInput, wording
from penguin_model.wording import blank_choice, errors_in_form_order, feature_label, range_text

blueprint = Blueprint("views", __name__)


@blueprint.route("/", methods=["GET", "POST"])
def predict_form():
    """Show the form; on submit, show the species or re-show the form with messages."""
    model = current_model()
    submitted, prediction, errors = {}, None, {}
    if request.method == "POST":
        # Only the model's features are read; anything else a browser sends is ignored.
        submitted = {name: request.form[name] for name in model.feature_spec if name in request.form}
        try:
            prediction = model.predict(model.validate(submitted, from_text=True))
        except InvalidInput as problem:
            # In form order, so the summary at the top reads like the form below it.
            ordered = errors_in_form_order(problem.errors, model.feature_spec)
            errors = {error.field: error.message for error in ordered}
    return render_template(
        "flask_demo/predict.html",
        fields=form_fields(model.feature_spec),
        submitted=submitted,
        prediction=prediction,
        errors=errors,
        model_version=model.version,
        wording=wording,  # the words all three forms use: button, summary, probabilities
    ), 400 if errors else 200


def page_not_found():
    """A 404 in the course's look, with the way back to the form (``errors.py`` calls it outside /api/)."""
    return render_template("flask_demo/not_found.html", path=request.path, wording=wording), 404


def form_fields(feature_spec):
    """One entry per feature, in card order, with its label and its range or blank choice."""
    fields = []
    for name, rules in feature_spec.items():
        field = {"name": name, "label": feature_label(name, rules), **rules}
        if rules["type"] == "number":
            field["hint"] = range_text(rules)
        else:
            field["blank"] = blank_choice(rules)
        fields.append(field)
    return fields
