"""The version check at the top of every notebook: is this the course's environment?"""

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from penguin_model.data import REPO_ROOT

REQUIREMENTS = REPO_ROOT / "requirements.txt"
SUPPORTED_PYTHON = ((3, 11), (3, 13))


def pinned_requirements(requirements):
    """Each requirement in the file ``requirements``, and in the files it includes with ``-r``."""
    for line in Path(requirements).read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if line.startswith("-r "):  # requirements.txt includes requirements-runtime.txt, the image's list
            yield from pinned_requirements(Path(requirements).parent / line.removeprefix("-r ").strip())
            continue
        try:
            yield Requirement(line)
        except InvalidRequirement:
            continue  # comments, blank lines and "-e ."


def pin_problems(requirements=REQUIREMENTS):
    """One line per pinned package that is missing or at another version than requirements.txt says."""
    problems = []
    for requirement in pinned_requirements(requirements):
        if requirement.marker and not requirement.marker.evaluate():
            continue  # e.g. gunicorn, which is not installed on Windows
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            problems.append(f"{requirement.name} is not installed (wanted {requirement.specifier})")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            wanted = requirement.specifier
            problems.append(f"{requirement.name} {installed} is installed, but the course pins {wanted}")
    return problems


def check_environment():
    """Print whether this kernel runs a supported Python with the pinned packages, and what to do if not."""
    low, high = SUPPORTED_PYTHON
    if not low <= sys.version_info[:2] <= high:
        print(f"This kernel runs Python {sys.version.split()[0]}; the course needs 3.11 to 3.13.")
    problems = pin_problems()
    if problems:
        print("This environment differs from the course's pins:\n  " + "\n  ".join(problems))
        print("Run `make setup` (without make: the README's PowerShell steps), then restart the kernel.")
    else:
        print("Environment OK: a supported Python and every package pinned in requirements.txt.")
