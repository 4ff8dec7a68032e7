"""The notebooks' version check spots wrong and missing pins, and passes in the course's environment."""

from course_helpers.environment import pin_problems


def test_this_environment_matches_the_pins():
    assert pin_problems() == []


def test_wrong_and_missing_pins_are_reported(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "# a comment\npandas==0.0.1   # where it is used\nno-such-package-here==1.0\n"
        'gunicorn==1.0; sys_platform == "nonexistent"\n-e .\n'
    )
    problems = pin_problems(requirements)
    assert len(problems) == 2
    assert problems[0].startswith("pandas ") and "==0.0.1" in problems[0]
    assert "no-such-package-here is not installed" in problems[1]


def test_pins_in_an_included_file_are_checked_too(tmp_path):
    """requirements.txt includes requirements-runtime.txt (`-r`): a wrong pin there must be reported."""
    (tmp_path / "runtime.txt").write_text("pandas==0.0.1   # where it is used\n")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("-r runtime.txt  # the servers' packages\nno-such-package-here==1.0\n")
    problems = pin_problems(requirements)
    assert len(problems) == 2 and problems[0].startswith("pandas ")
