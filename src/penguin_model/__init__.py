"""The penguin model: data, schema, training, persistence and prediction — nothing about the web.

Every notebook, app and test imports this package, so there is one definition of what a
valid penguin is and one way to load and call the model. The web API's rules live in
``api_contract``; the course's tools (servers, environment check) in ``course_helpers``.
"""

from penguin_model.data import FEATURES, load_penguins, load_training_data
from penguin_model.persistence import ModelLoadError, load_model, model_directory, save_model
from penguin_model.predictor import PenguinModel
from penguin_model.releases import publish_model
from penguin_model.schema import FieldError, InvalidInput
from penguin_model.served import served_model

__all__ = [
    "FEATURES",
    "FieldError",
    "InvalidInput",
    "ModelLoadError",
    "PenguinModel",
    "load_model",
    "load_penguins",
    "load_training_data",
    "model_directory",
    "publish_model",
    "save_model",
    "served_model",
]
