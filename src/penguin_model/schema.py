"""What a valid penguin is: one schema, derived from the training data, shared by every app.

The allowed ranges and choices live in the model card, so the schema that validates a request
is always the one the model was trained with. ``input_model_for`` turns that part of the card
into a pydantic model; ``validate_features`` and ``validate_rows`` use it and report problems
as a list of ``FieldError`` (field, rule, message) that every app returns the same way.
"""

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError, create_model

from penguin_model.data import CATEGORICAL_FEATURES, NUMERIC_FEATURES, UNITS

# How far beyond the observed minimum and maximum a measurement may go, as a share of the
# observed span: wide enough for a real but unusual penguin, narrow enough to catch unit
# mistakes (grams typed as kilograms) and typos.
RANGE_MARGIN = 0.25
OPTIONAL_FEATURES = ("sex",)


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: which field, which rule it broke, and a readable message.

    ``field`` is empty when the problem is the input as a whole (for example, not an object).
    """

    field: str
    rule: str
    message: str

    def as_dict(self):
        return asdict(self)


class InvalidInput(ValueError):
    """Raised when input breaks the schema; ``errors`` says where and why."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in self.errors))


def derive_feature_spec(features):
    """Describe each feature (type, range or choices, unit, required) from training data."""
    spec = {}
    for name in features.columns:
        if name in NUMERIC_FEATURES:
            low, high = features[name].min(), features[name].max()
            margin = RANGE_MARGIN * (high - low)
            spec[name] = {
                "type": "number",
                "unit": UNITS[name],
                "minimum": round(max(0.0, low - margin), 1),
                "maximum": round(high + margin, 1),
                "required": True,
            }
        elif name in CATEGORICAL_FEATURES:
            spec[name] = {
                "type": "category",
                "choices": sorted(features[name].dropna().unique().tolist()),
                "required": name not in OPTIONAL_FEATURES,
            }
    return spec


def feature_label(name, rules):
    """A label people can read: ``bill_length_mm`` -> ``Bill length (mm)``, ``island`` -> ``Island``.

    Every app labels its inputs with this, so the three forms name the fields alike.
    """
    unit = rules.get("unit")
    words = name.removesuffix(f"_{unit}") if unit else name
    text = words.replace("_", " ").capitalize()
    return f"{text} ({unit})" if unit else text


def input_model_for(feature_spec):
    """Return the pydantic model for a feature spec (built once per distinct spec)."""
    return _build_input_model(json.dumps(feature_spec, sort_keys=True))


@lru_cache(maxsize=8)
def _build_input_model(spec_json):
    fields = {}
    for name, rules in json.loads(spec_json).items():
        if rules["type"] == "number":
            bounds = Field(ge=rules["minimum"], le=rules["maximum"], allow_inf_nan=False)
            fields[name] = (float, bounds)
        else:
            choice = Literal[tuple(rules["choices"])]
            fields[name] = (choice, ...) if rules["required"] else (choice | None, None)
    # Strict: a JSON API must not guess that "40" or true is a number. Forms and CSV files,
    # whose values are all text, are validated with strict=False instead.
    config = ConfigDict(strict=True, extra="forbid")
    return create_model("PenguinFeatures", __config__=config, **fields)


def validate_features(data, feature_spec, *, from_text=False):
    """Check one penguin; return its clean features as a dict or raise ``InvalidInput``.

    ``from_text=True`` is for HTML forms and CSV files: numbers may arrive as strings, and a
    blank optional field means "not given".
    """
    if not isinstance(data, dict):
        raise InvalidInput([FieldError("", "object_type", "Expected an object with one entry per feature.")])
    if from_text:
        # A blank cell is an absent value: required fields then report "required".
        data = {key: value for key, value in data.items() if not _is_blank(value)}
    try:
        valid = input_model_for(feature_spec).model_validate(data, strict=not from_text)
    except ValidationError as exc:
        raise InvalidInput(_field_errors(exc, tuple(feature_spec))) from None
    return valid.model_dump()


def validate_rows(rows, feature_spec, *, from_text=False):
    """Check a list of penguins; errors name the row by position: ``[3].island`` (``[3]``: the whole row)."""
    clean, errors = [], []
    for index, row in enumerate(rows):
        try:
            clean.append(validate_features(row, feature_spec, from_text=from_text))
        except InvalidInput as exc:
            errors += [FieldError(f"[{index}].{e.field}" if e.field else f"[{index}]", e.rule, e.message)
                       for e in exc.errors]
    if errors:
        raise InvalidInput(errors)
    return clean


def _is_blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def _field_errors(exc, features):
    errors = []
    for error in exc.errors(include_url=False):
        # An empty location: pydantic could not even name the key (not valid unicode).
        field = ".".join(str(part) for part in error["loc"])
        errors.append(FieldError(field, error["type"], _message(error, features)))
    return errors


def _message(error, features):
    # pydantic's messages are clear; these few are said in the course's own words.
    if error["type"] == "missing":
        return "This field is required."
    if error["type"] == "extra_forbidden":
        return f"Unknown field: remove it (the features are {', '.join(features)})."
    if error["type"] == "finite_number":
        return "Must be a finite number (not NaN or infinity)."
    return error["msg"] + "."
