"""Offline Chinese typo (错别字) detection: check(text) -> list[Typo]."""

from ceping.typo.checker import check, check_many, load
from ceping.typo.model import LAYERS, NameTitle, Options, Typo

__all__ = ["LAYERS", "NameTitle", "Options", "Typo", "check", "check_many", "load"]
