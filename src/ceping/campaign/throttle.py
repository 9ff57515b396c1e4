"""Counters in a fixed time window, kept in the Django cache (shared when CEPING_CACHE_URL is
set)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, ident: str, window_s: int) -> str:
    # Hashed so that any user-supplied text (a username, an address) makes a valid cache key.
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"ceping:{scope}:{window_s}:{digest}"


def count(scope: str, ident: str, window_s: int) -> int:
    return int(cache.get(_key(scope, ident, window_s), 0))


def hit(scope: str, ident: str, window_s: int) -> int:
    """Add one to the counter and return the new value; the window starts with the first hit."""
    key = _key(scope, ident, window_s)
    if cache.add(key, 1, timeout=window_s):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_s)
        return 1


def reset(scope: str, ident: str, window_s: int) -> None:
    cache.delete(_key(scope, ident, window_s))
