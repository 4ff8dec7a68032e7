"""The chapters' file excerpts show the part they name, and fail loudly when it is gone."""

import pytest

from course_helpers.source_files import excerpt, show_file
from penguin_model.data import REPO_ROOT

FILE_TEXT = "first\nwith st.form:\n    widgets\nsubmitted = True\nlast\n"


def test_an_excerpt_runs_from_its_start_marker_to_its_stop_marker(tmp_path):
    path = tmp_path / "page.py"
    path.write_text(FILE_TEXT, encoding="utf-8")
    assert excerpt(path, "st.form", "submitted") == (2, ["with st.form:", "    widgets", "submitted = True"])
    assert excerpt(path) == (1, FILE_TEXT.splitlines())


def test_a_missing_marker_is_an_error_not_a_wrong_excerpt(tmp_path):
    path = tmp_path / "page.py"
    path.write_text(FILE_TEXT, encoding="utf-8")
    with pytest.raises(ValueError, match="'st.cache' is not in"):
        excerpt(path, "st.cache")


def test_the_shown_path_is_relative_to_the_repository(capsys):
    show_file(REPO_ROOT / "apps" / "django_demo" / "predictor" / "urls.py", "urlpatterns", "]")
    header, *_ = capsys.readouterr().out.splitlines()
    assert header.startswith("# apps/django_demo/predictor/urls.py, lines ")
