"""How much code each app is: its own files and lines, and the part that serves the JSON contract.

Lines count code only: blank lines, comments and docstrings are left out (tokenize tells them
apart). Templates and configuration count all their non-blank lines. The apps do not all do the
same (Django also stores every prediction and has an admin), so the table also counts the API glue
alone: the modules that serve docs/openapi.yaml, the same job in every app.
"""

import io
import tokenize

from course_helpers.servers import APPS_DIR

# The modules of each app that serve the JSON contract (the rest is forms, pages, storage, admin).
API_GLUE = {
    "Flask": ["flask_demo/__init__.py", "flask_demo/api.py", "flask_demo/errors.py",
              "flask_demo/loaded_model.py", "flask_demo/config.py"],
    "Django": ["django_demo/predictor/api.py", "django_demo/predictor/errors.py",
               "django_demo/predictor/negotiation.py", "django_demo/predictor/loaded_model.py",
               "django_demo/predictor/urls.py", "django_demo/config/urls.py"],
    "FastAPI": ["fastapi_demo/__init__.py", "fastapi_demo/api.py", "fastapi_demo/errors.py",
                "fastapi_demo/loaded_model.py"],
    "Streamlit": ["streamlit_demo/server.py", "streamlit_demo/api.py", "streamlit_demo/errors.py"],
}
FOLDERS = {"Flask": "flask_demo", "Django": "django_demo", "FastAPI": "fastapi_demo",
           "Streamlit": "streamlit_demo"}
SOURCES = ("*.py", "*.html", "*.toml")
STATEMENT_STARTS = {tokenize.INDENT, tokenize.NEWLINE, tokenize.DEDENT}
NOT_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
            tokenize.ENDMARKER}


def measure(full=False):
    """Rows of the size table (``full`` changes nothing: counting lines is exact)."""
    rows = []
    for name, folder in FOLDERS.items():
        files = sorted(path for pattern in SOURCES for path in (APPS_DIR / folder).rglob(pattern)
                       if "migrations" not in path.parts)
        rows.append({
            "app": name,
            "files": len(files),
            "code lines": sum(code_lines(path) for path in files),
            "API glue files": len(API_GLUE[name]),
            "API glue lines": sum(code_lines(APPS_DIR / path) for path in API_GLUE[name]),
        })
    return rows


def code_lines(path):
    """Lines that hold code: for Python, not blank, not only a comment or a docstring."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return sum(1 for line in text.splitlines() if line.strip())
    lines, previous = set(), tokenize.INDENT
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        # A string that starts a statement on its own is a docstring (or a comment written as one).
        docstring = token.type == tokenize.STRING and previous in STATEMENT_STARTS
        if token.type not in NOT_CODE and not docstring:
            lines.update(range(token.start[0], token.end[0] + 1))
        if token.type not in {tokenize.COMMENT, tokenize.NL}:
            previous = token.type
    return len(lines)
