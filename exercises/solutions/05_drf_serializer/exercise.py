"""Exercise 05 · A DRF serializer that agrees with the shared schema — a worked solution.

Why: DRF's fields are made for HTML forms and clients that send text, so out of the box they are
lenient where the schema is strict. ``FloatField`` calls ``float()`` on what it is given, which turns
``"40"`` into 40.0 and ``True`` into 1.0; a ``Serializer`` drops keys it has no field for. The schema
refuses all three in a JSON body, so the serializer must refuse them too: booleans and text before
``float()`` sees them, and unknown keys reported next to the fields' own errors (in ``validate()`` they
would be reported only once every field is valid). NaN, infinity and integers too large for a float
need nothing: DRF's ``FloatField`` already refuses them. Optional ``sex`` is ``allow_null`` with a
default of ``None``, so a penguin without it comes out exactly as the schema returns it.
"""

from collections.abc import Mapping

from rest_framework import serializers


class StrictFloatField(serializers.FloatField):
    """A measurement, as strict as the shared schema is for a JSON body."""

    def to_internal_value(self, data):
        # bool is a subclass of int, so it needs its own test; text is refused before float() reads it.
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return super().to_internal_value(data)


def field_for(rules):
    """The DRF field for one feature, from its rules in the model card (``model.feature_spec``)."""
    if rules["type"] == "number":
        return StrictFloatField(min_value=rules["minimum"], max_value=rules["maximum"])
    if rules["required"]:
        return serializers.ChoiceField(choices=rules["choices"])
    return serializers.ChoiceField(choices=rules["choices"], allow_null=True, default=None)


class PenguinSerializer(serializers.Serializer):
    """One penguin, checked by DRF: ``PenguinSerializer(data=..., context={"feature_spec": spec})``."""

    def get_fields(self):
        # Built from the model card for every serializer, so the ranges and choices are never retyped.
        return {name: field_for(rules) for name, rules in self.context["feature_spec"].items()}

    def to_internal_value(self, data):
        unknown = [key for key in data if key not in self.fields] if isinstance(data, Mapping) else []
        errors = {key: ["Unknown field: remove it."] for key in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as invalid:
            raise serializers.ValidationError(invalid.detail | errors) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value
