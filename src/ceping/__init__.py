"""ceping (测评): evaluate government websites end to end."""

__version__ = "0.1.0"
