"""The Makefile's file for the trained model, which tests hand to `make -o` so make never retrains models/."""

from penguin_model.releases import POINTER_FILE

# The Makefile's MODEL: the pointer to the current release, which training rewrites last.
TRAINED_MODEL = f"models/{POINTER_FILE}"
