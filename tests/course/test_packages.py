"""The chapters list what each framework pulls into a plain install, read from its metadata."""

from course_helpers.packages import required_names


def test_required_names_leave_out_extras_and_platform_only_packages():
    needed = required_names("django")
    assert {"asgiref", "sqlparse"} <= set(needed)
    assert "argon2-cffi" not in needed, "only with the optional extra django[argon2]"
    assert "tzdata" not in needed, "only on Windows"
    assert needed == sorted(needed)
