"""Template filters of the dashboard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """`{{ counts|get_item:code }}`: a dictionary lookup by a variable key."""
    return None if mapping is None else mapping.get(key)
