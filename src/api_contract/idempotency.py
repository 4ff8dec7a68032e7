"""The Idempotency-Key header of the prediction endpoints: what a valid key is, the same for every app.

The IETF draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header) lets
a client name a POST so that it can send it again safely. The contract accepts a key of 1 to 255
visible ASCII characters, bare or, as the draft writes it, in double quotes, and every app refuses
any other value with a 400 naming the header. What an app does with a valid key depends on what it
stores: Django, which stores predictions, stores each keyed request once (its
``predictor/idempotency.py``); the others store nothing, so a repeat already changes nothing.
"""

import re

from penguin_model import FieldError, InvalidInput

HEADER = "Idempotency-Key"
KEY = re.compile(r"[!-~]{1,255}")
WRONG_KEY = "Send 1 to 255 visible ASCII characters (letters, digits, punctuation), such as a UUID."


def idempotency_key(offered):
    """The key in the header's value ``offered`` (``None`` without the header), or ``InvalidInput``."""
    if offered is None:
        return None
    if not KEY.fullmatch(offered):
        raise InvalidInput([FieldError(HEADER, "string_pattern", WRONG_KEY)])
    # The draft's form is a structured-field string, "..."; most clients send the key bare.
    return offered[1:-1] if len(offered) > 2 and offered[0] == offered[-1] == '"' else offered
