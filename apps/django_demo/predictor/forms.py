"""The HTML form, built from the model card and validated by the shared schema.

Django renders the fields (labels, choices and ranges come from the card, the words from
``penguin_model.wording``) and checks the CSRF token; whether the values are a valid penguin is
decided by ``model.validate(..., from_text=True)``, so the form and the API accept and reject
exactly the same penguins.

The browser checks nothing: every field is ``required=False`` for Django (so it writes no
``required`` attribute) and the template's form has ``novalidate``. A browser that refused a blank
or out-of-range value itself would show its own bubble, or nothing at all, and never send the form;
this way every value reaches the schema and every refusal is explained on the page.
"""

from django import forms

from penguin_model import InvalidInput
from penguin_model.wording import blank_choice, errors_in_form_order, feature_label, range_text


class PenguinForm(forms.Form):
    """One field per feature of the model card; ``clean`` asks the shared schema."""

    def __init__(self, model, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        self.refusals = []
        for name, rules in model.feature_spec.items():
            self.fields[name] = field_for(name, rules)

    def clean(self):
        """Validate all values at once through the shared schema; show its messages per field."""
        submitted = {name: self.data.get(name, "") for name in self.fields}
        try:
            self.features = self.model.validate(submitted, from_text=True)
        except InvalidInput as problem:
            self.refusals = errors_in_form_order(problem.errors, self.model.feature_spec)
            for error in self.refusals:
                self.add_error(error.field if error.field in self.fields else None, error.message)
        return self.cleaned_data

    def error_summary(self):
        """``(field id, label, message)`` per refusal, in form order, for the summary at the top.

        An error about no field has no id and no label.
        """
        return [(self[error.field].id_for_label, self.fields[error.field].label, error.message)
                if error.field in self.fields else ("", "", error.message) for error in self.refusals]


def field_for(name, rules):
    """A text-valued form field for one feature (the schema, not Django, checks the value)."""
    label = feature_label(name, rules)
    if rules["type"] == "category":
        # A blank first choice, required or not: nothing is ever chosen silently.
        choices = [("", blank_choice(rules))] + [(choice, choice) for choice in rules["choices"]]
        return forms.CharField(label=label, required=False, widget=forms.Select(choices=choices))
    # Text, not type="number": a number input sends "" for "abc" or "4,5", so the page would say
    # "required" about a value the student did type. inputmode still shows a number keypad.
    attrs = {"inputmode": "decimal", "autocomplete": "off"}
    return forms.CharField(label=label, required=False, help_text=range_text(rules),
                           widget=forms.TextInput(attrs=attrs))
