"""What an installed package needs, read from its metadata: how the chapters compare the frameworks."""

from importlib.metadata import requires

from packaging.requirements import Requirement


def required_names(distribution):
    """The packages every install of ``distribution`` needs, sorted.

    Optional extras, and packages needed only on some platforms or Python versions (those with an
    environment marker), are left out.
    """
    needed = (Requirement(line) for line in requires(distribution) or [])
    return sorted(requirement.name for requirement in needed if requirement.marker is None)
