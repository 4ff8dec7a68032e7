"""Safe defaults for the app's configuration, read when the app is created (not at import)."""

import os

from penguin_model.contract import MAX_BODY_BYTES
from penguin_model.persistence import DEFAULT_MODEL_DIR


def default_config():
    """The configuration every app starts from; ``create_app`` then applies overrides."""
    return {
        # The same variable every part of the course reads, so one setting moves them all.
        "MODEL_DIR": os.environ.get("PENGUIN_MODEL_DIR", str(DEFAULT_MODEL_DIR)),
        # Flask answers 413 before reading a body longer than this.
        "MAX_CONTENT_LENGTH": MAX_BODY_BYTES,
        # Explicitly off: in debug mode errors would escape the JSON error handlers.
        "DEBUG": False,
    }
