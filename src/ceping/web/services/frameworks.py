"""A campaign's parsed framework, cached per snapshot text: parsing the YAML takes about 0.1 s."""

from __future__ import annotations

from functools import lru_cache

from ceping.framework import Framework, parse_framework
from ceping.web.models import Campaign


@lru_cache(maxsize=16)
def _parse(text: str, source: str) -> Framework:
    return parse_framework(text, source=source)


def framework_of(campaign: Campaign) -> Framework:
    """The same as `campaign.framework()`; Framework is immutable, so sharing one parse is safe."""
    return _parse(campaign.framework_yaml, f"campaign {campaign.name}")
