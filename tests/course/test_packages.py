"""The chapters list what each framework pulls into a plain install, read from its metadata."""

import sys

from course_helpers.packages import required_here, required_names


def test_required_names_leave_out_extras_and_platform_only_packages():
    needed = required_names("django")
    assert {"asgiref", "sqlparse"} <= set(needed)
    assert "argon2-cffi" not in needed, "only with the optional extra django[argon2]"
    assert "tzdata" not in needed, "only on Windows"
    assert needed == sorted(needed)


def test_required_here_adds_what_this_machine_needs_and_still_leaves_out_extras():
    needed = required_here("django")
    assert set(required_names("django")) <= set(needed)
    assert "argon2-cffi" not in needed, "only with the optional extra django[argon2]"
    assert ("tzdata" in needed) == (sys.platform == "win32"), "Django needs tzdata on Windows only"
    assert needed == sorted(needed)


def test_required_here_counts_streamlits_watchdog_where_pip_installs_it():
    """Streamlit asks for watchdog except on macOS: exercise 00 counts it, and chapter 06 must too."""
    assert ("watchdog" in required_here("streamlit")) == (sys.platform != "darwin")
    assert "watchdog" not in required_names("streamlit")
