"""Driving the Streamlit app in-process with ``AppTest``."""

# The first run imports scikit-learn and loads the model: far more than AppTest's 3 s default.
RUN_TIMEOUT = 60


def open_page(app, page):
    """Run the app, switch to ``app_pages/<page>.py`` and run it; fail on any exception shown."""
    app.run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, [element.value for element in app.exception]
    return app


def texts(elements):
    """The text of every element in an AppTest element list, joined for ``in`` checks."""
    return "\n".join(str(element.value) for element in elements)
