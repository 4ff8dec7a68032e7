"""The HTML form, built from the model card and validated by the shared schema.

Django renders the fields (choices, ranges and units come from the card) and checks the CSRF
token; whether the values are a valid penguin is decided by ``model.validate(...,
from_text=True)``, so the form and the API accept and reject exactly the same penguins.
"""

from django import forms

from penguin_model import InvalidInput
from penguin_model.schema import feature_label


class PenguinForm(forms.Form):
    """One field per feature of the model card; ``clean`` asks the shared schema."""

    def __init__(self, model, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        for name, rules in model.feature_spec.items():
            self.fields[name] = field_for(name, rules)

    def clean(self):
        """Validate all values at once through the shared schema; show its messages per field."""
        submitted = {name: self.data.get(name, "") for name in self.fields}
        try:
            self.features = self.model.validate(submitted, from_text=True)
        except InvalidInput as problem:
            for error in problem.errors:
                self.add_error(error.field if error.field in self.fields else None, error.message)
        return self.cleaned_data


def field_for(name, rules):
    """A text-valued form field for one feature (the schema, not Django, checks the value)."""
    label = feature_label(name, rules)
    html_required = {"required": True} if rules["required"] else {}
    if rules["type"] == "category":
        # A blank first choice either way: a required select must not pick its first island silently
        # (the browser's `required` then refuses the blank, as the Flask form does).
        blank = [("", "choose…" if rules["required"] else "not known")]
        choices = blank + [(choice, choice) for choice in rules["choices"]]
        return forms.CharField(label=label, required=False,
                               widget=forms.Select(choices=choices, attrs=html_required))
    help_text = f"{rules['minimum']} to {rules['maximum']} {rules['unit']}"
    attrs = {"min": rules["minimum"], "max": rules["maximum"], "step": "any", **html_required}
    return forms.CharField(label=label, required=False, help_text=help_text,
                           widget=forms.NumberInput(attrs=attrs))
