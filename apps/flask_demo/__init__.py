"""The Flask app of the course: the JSON API of docs/openapi.yaml and an HTML form.

``create_app`` is the application factory: nothing happens at import time. The model is loaded
once, when the app is created, so a server with no usable model refuses to start and says why
instead of failing on the first request.

Serve it with ``make serve-flask`` (gunicorn; its command is ``course_helpers.servers.server_command``).
"""

from flask import Flask

from api_contract.chunked import whole_bodies
from api_contract.observability import observed
from api_contract.pages import STATIC_FOLDER
from flask_demo import api, errors, loaded_model, security, views
from flask_demo.config import default_config


def create_app(test_config=None):
    """Build the app: configuration, the model, the two blueprints, the error handlers, the log and metrics.

    ``test_config`` (a dict) overrides everything else; tests use it to point at their model.
    Otherwise environment variables named ``PENGUIN_FLASK_<KEY>`` override the defaults.
    """
    # The course's stylesheet, shared with Django, is Flask's static folder: url_for("static", ...).
    app = Flask(__name__, static_folder=STATIC_FOLDER)
    app.config.from_mapping(default_config())
    if test_config is None:
        app.config.from_prefixed_env("PENGUIN_FLASK")
    else:
        app.config.from_mapping(test_config)
    # Keep the model card's own key order in answers (Flask sorts keys by default).
    app.json.sort_keys = False

    loaded_model.init_app(app)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(views.blueprint)
    errors.init_app(app)
    security.init_app(app)
    # Around Flask itself, as in Django: chunked bodies read whole, then request ids, one JSON log line
    # per request and /metrics.
    app.wsgi_app = whole_bodies(app.wsgi_app, limit=app.config["MAX_CONTENT_LENGTH"])
    app.wsgi_app = observed(app.wsgi_app, model_version=lambda: loaded_model.current_model(app).version)
    return app
