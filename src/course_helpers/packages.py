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


def required_here(distribution):
    """The packages an install of ``distribution`` needs on this machine, sorted: those of
    ``required_names`` plus the ones whose environment marker holds here (``sys_platform != "darwin"``,
    ``python_version < "3.12"``...). Optional extras, not asked for, stay out. This is what pip installs."""
    needed = (Requirement(line) for line in requires(distribution) or [])
    return sorted({requirement.name for requirement in needed
                   if requirement.marker is None or requirement.marker.evaluate({"extra": ""})})
