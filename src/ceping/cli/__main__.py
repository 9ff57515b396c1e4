"""`python -m ceping.cli`: the same as the `ceping` command."""

from ceping.cli import entry

entry()
