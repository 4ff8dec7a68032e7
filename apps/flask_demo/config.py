"""Safe defaults for the app's configuration, read when the app is created (not at import)."""

from api_contract import MAX_BODY_BYTES
from penguin_model import model_directory


def default_config():
    """The configuration every app starts from; ``create_app`` then applies overrides."""
    return {
        # The folder every part of the course uses (PENGUIN_MODEL_DIR, else models/).
        "MODEL_DIR": str(model_directory()),
        # Flask answers 413 before reading a body longer than this.
        "MAX_CONTENT_LENGTH": MAX_BODY_BYTES,
        # Explicitly off: in debug mode errors would escape the JSON error handlers.
        "DEBUG": False,
        # No automatic answer to OPTIONS (an empty HTML page): a method outside the contract gets its 405.
        "PROVIDE_AUTOMATIC_OPTIONS": False,
    }
