"""Exits 0 when the running interpreter has every requirement given installed, else 1.

The install scripts run it with a virtualenv's python to decide whether to reinstall.
"""
import sys
from importlib.metadata import PackageNotFoundError, version

from packaging.requirements import Requirement

for spec in sys.argv[1:]:
    requirement = Requirement(spec)
    try:
        if not requirement.specifier.contains(version(requirement.name), prereleases=True):
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
