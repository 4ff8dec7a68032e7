"""The install commands the course prints for nginx, PostgreSQL and openssl work where they are printed."""

import pytest

from course_helpers.certificates import NO_OPENSSL
from course_helpers.scale_out import NO_NGINX
from course_helpers.system_programs import install_command


def test_a_user_on_debian_or_ubuntu_installs_with_sudo():
    assert install_command("nginx", "postgresql", platform="linux", root=False) == (
        "sudo apt install nginx postgresql")


def test_root_gets_no_sudo_which_containers_lack_and_fresh_package_lists():
    command = install_command("nginx", "postgresql", platform="linux", root=True)
    assert command == "apt update && apt install nginx postgresql"
    assert "sudo" not in command


@pytest.mark.parametrize("root", [False, True])
def test_macos_installs_with_homebrew_whose_postgresql_is_versioned(root):
    assert install_command("nginx", "postgresql", platform="darwin", root=root) == (
        "brew install nginx postgresql@17")


def test_the_missing_nginx_message_gives_this_machines_command():
    assert f"`{install_command('nginx')}`" in NO_NGINX


def test_the_missing_openssl_message_gives_this_machines_command():
    """openssl makes nginx's local certificate (course_helpers.certificates)."""
    assert f"`{install_command('openssl')}`" in NO_OPENSSL
