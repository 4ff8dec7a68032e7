"""What the two HTML forms share besides their words: the course's stylesheet.

Flask and Django serve the same file, ``apps/static/course.css``, at ``/static/course.css``:
Flask from its static folder, Django through staticfiles and WhiteNoise. Both point at the
folder named here, so there is one stylesheet and one place that says where it is.
"""

from penguin_model.data import REPO_ROOT

STATIC_FOLDER = REPO_ROOT / "apps" / "static"
STYLESHEET = "course.css"
