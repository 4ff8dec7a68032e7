"""Template filters with the words every form uses (``penguin_model.wording``), for the history page.

``{% load wording %}``, then ``{{ prediction.confidence|probability }}`` -> ``99.5%`` and
``{{ prediction.sex|or_not_known }}`` -> ``Not known`` for a blank.
"""

from django import template

from penguin_model.wording import NOT_KNOWN, probability_text

register = template.Library()
register.filter("probability", probability_text)


@register.filter
def or_not_known(value):
    """The value, or the forms' words for a value nobody gave."""
    return value or NOT_KNOWN
