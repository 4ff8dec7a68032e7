"""Exercise 05 · A DRF serializer that agrees with the shared schema (see README.md)."""

from rest_framework import serializers


class StrictFloatField(serializers.FloatField):
    """A measurement, as strict as the shared schema is for a JSON body."""

    def to_internal_value(self, data):
        # TODO 2: DRF's FloatField turns many things into a float that the schema refuses.
        # Refuse those here, the way DRF's own fields refuse a value (rest_framework/fields.py), then
        # let FloatField do the rest.
        return super().to_internal_value(data)


def field_for(rules):
    """The DRF field for one feature, from its rules in the model card (``model.feature_spec``)."""
    # TODO 1: numbers: your StrictFloatField, within the card's range; categories: a DRF field that
    # takes the card's choices ("Serializer fields" in README.md); an optional one may also be null or
    # left out.
    raise NotImplementedError("Build one DRF field from `rules` (read DRF's 'Serializer fields' page).")


class PenguinSerializer(serializers.Serializer):
    """One penguin, checked by DRF: ``PenguinSerializer(data=..., context={"feature_spec": spec})``."""

    def get_fields(self):
        # Built from the model card for every serializer, so the ranges and choices are never retyped.
        return {name: field_for(rules) for name, rules in self.context["feature_spec"].items()}

    def to_internal_value(self, data):
        # TODO 3: a Serializer drops keys it has no field for, without a word. Report each one under
        # its own name, in the same ValidationError as the fields' own errors.
        return super().to_internal_value(data)
