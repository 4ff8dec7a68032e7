"""How every form says things: labels, ranges, blank choices, probabilities and error order.

The Flask, Django and Streamlit forms are built from the same model card; this module is where
they get their words, so the three read alike and a change of wording is made once. The pages
around the forms (the Flask and Django "page not found", Django's admin) take theirs from here too.
It knows the feature spec (see ``schema``), not any web framework.
"""

from penguin_model.schema import feature_label

__all__ = [
    "BACK_TO_THE_FORM",
    "CORRECT_THE_FORM",
    "MOST_LIKELY",
    "NOT_KNOWN",
    "NO_PAGE_AT",
    "PAGE_NOT_FOUND",
    "SUBMIT_LABEL",
    "blank_choice",
    "errors_in_form_order",
    "feature_label",
    "probability_text",
    "range_text",
]

SUBMIT_LABEL = "Predict the species"
CORRECT_THE_FORM = "Please correct the fields marked below."
MOST_LIKELY = "Most likely species"
# A missing optional value (an unknown sex), on a form's blank choice and in the history.
NOT_KNOWN = "Not known"
# An address outside /api/ that no page answers (the API answers its own JSON 404).
PAGE_NOT_FOUND = "Page not found"
NO_PAGE_AT = "This app has no page at"  # followed by the address that was asked for
BACK_TO_THE_FORM = "Back to the form"


def range_text(rules):
    """The allowed range of a number field: ``1800 to 7200 g``, ``26.5 to 66.2 mm``.

    ``:g`` drops a trailing ``.0`` (grams are whole numbers) and keeps a real decimal.
    """
    return f"{rules['minimum']:g} to {rules['maximum']:g} {rules['unit']}"


def blank_choice(rules):
    """The text of a select's first, empty choice.

    A required select starts blank so that nothing is chosen silently; an optional one says
    what leaving it blank means.
    """
    return "Choose…" if rules["required"] else f"{NOT_KNOWN} (the model fills it in)"


def probability_text(probability):
    """A probability as people read it: ``0.9951`` -> ``99.5%``."""
    return f"{probability:.1%}"


def errors_in_form_order(errors, feature_spec):
    """Field errors sorted as the fields appear on the form; errors about no field come first."""
    order = {name: position for position, name in enumerate(feature_spec)}
    return sorted(errors, key=lambda error: order.get(error.field, -1))
