"""Django looks for an app's models here; this exercise's model is yours, in ``exercise.py``."""

from exercise import Prediction  # noqa: F401 - defining it registers it with this app
