"""How to install the programs from outside Python that chapter 07 runs (nginx, PostgreSQL, openssl), said
for this machine, so that the command a message prints is one that works here.

Debian and Ubuntu install them with apt, which needs root: ``sudo apt install …`` for a user, plain
``apt …`` for root, since containers and many classroom VMs run as root and have no ``sudo`` (and a fresh
container has no package lists yet, hence ``apt update``). macOS installs them with Homebrew.
"""

import os
import sys

# The package that brings each program, per package manager.
APT_PACKAGES = {"nginx": "nginx", "postgresql": "postgresql", "openssl": "openssl"}
BREW_PACKAGES = {"nginx": "nginx", "postgresql": "postgresql@17", "openssl": "openssl@3"}


def is_root():
    """Whether this process runs as root (never on Windows)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def install_command(*programs, platform=None, root=None):
    """The command that installs ``programs`` (keys of ``APT_PACKAGES``) on this kind of machine.

    ``platform`` and ``root`` default to this machine's; tests pass others.
    """
    platform = sys.platform if platform is None else platform
    root = is_root() if root is None else root
    if platform == "darwin":
        return "brew install " + " ".join(BREW_PACKAGES[program] for program in programs)
    packages = " ".join(APT_PACKAGES[program] for program in programs)
    if root:
        return f"apt update && apt install {packages}"
    return f"sudo apt install {packages}"


def install_hint(*programs):
    """``install_command`` in a sentence's words, saying where it applies."""
    command = install_command(*programs)
    if sys.platform == "darwin":
        return f"`{command}` (Homebrew)"
    return f"`{command}` (Debian, Ubuntu; on other systems, their package manager)"
