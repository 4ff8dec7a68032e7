"""The Flask app of the course: the JSON API of docs/openapi.yaml and an HTML form.

``create_app`` is the application factory: nothing happens at import time. The model is loaded
once, when the app is created, so a server with no usable model refuses to start and says why
instead of failing on the first request.

Run it with gunicorn (see README.md): ``gunicorn --chdir apps "flask_demo:create_app()"``.
"""

from flask import Flask

from flask_demo import api, errors, pages
from flask_demo.config import default_config
from flask_demo.model import install_model
from flask_demo.openapi import install_openapi


def create_app(test_config=None):
    """Build the app: configuration, the model, the two blueprints and the error handlers.

    ``test_config`` (a dict) overrides everything else; tests use it to point at their model.
    Otherwise environment variables named ``PENGUIN_FLASK_<KEY>`` override the defaults.
    """
    app = Flask(__name__)
    app.config.from_mapping(default_config())
    if test_config is None:
        app.config.from_prefixed_env("PENGUIN_FLASK")
    else:
        app.config.from_mapping(test_config)
    # Keep the model card's own key order in answers (Flask sorts keys by default).
    app.json.sort_keys = False

    install_model(app)
    install_openapi(app)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.blueprint)
    errors.register_handlers(app)
    return app
