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
        # The Host names the app answers for; any other gets 400 (Flask 3.1 checks it for every request).
        # None, Flask's default, allows any: `make serve-flask` answers whatever name reached it. Behind
        # nginx the instances get the names nginx serves, as JSON in the environment:
        # PENGUIN_FLASK_TRUSTED_HOSTS='["127.0.0.1", "localhost"]' (course_helpers.scale_out).
        "TRUSTED_HOSTS": None,
    }
