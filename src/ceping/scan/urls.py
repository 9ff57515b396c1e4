"""URL handling: join, normalize, percent-encode, strip session ids, tell a site's scope."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import (
    SplitResult,
    parse_qsl,
    quote,
    unquote,
    urlencode,
    urljoin,
    urlsplit,
    urlunsplit,
)

__all__ = ["unquote", "urlsplit"]

SESSION_PARAMS = frozenset(
    {
        "jsessionid",
        "phpsessid",
        "sessionid",
        "session_id",
        "sid",
        "aspsessionid",
        "cfid",
        "cftoken",
        "sessid",
        "s_id",
    }
)
_PATH_PARAM_SESSION = re.compile(r";(jsessionid|phpsessid|sessionid|sid)=[^/?#]*", re.IGNORECASE)
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = "/?%:@!$&'()*+,;=-._~"
FETCHABLE_SCHEMES = frozenset({"http", "https"})
RESOLVE_CACHE_SIZE = 50_000


def _encode(part: str, safe: str) -> str:
    # Quote what is not yet quoted (Chinese paths, spaces) and leave existing escapes alone.
    return quote(part, safe=safe)


def normalize(url: str) -> str:
    """A canonical form: lower-case scheme and host, no default port, no fragment, quoted.

    Raises ValueError for a URL that cannot be parsed (a bad port, a broken IPv6 literal)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets, or its colons read as a port
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    path = _encode(parts.path or "/", _SAFE_PATH)
    query = _encode(parts.query, _SAFE_QUERY)
    return urlunsplit(SplitResult(scheme, host, path, query, ""))


def strip_session(url: str) -> tuple[str, bool]:
    """Drop session-id parameters, which make endless variants of one page."""
    parts = urlsplit(url)
    path, n = _PATH_PARAM_SESSION.subn("", parts.path)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k.lower() not in SESSION_PARAMS]
    if n == 0 and len(kept) == len(pairs):
        return url, False
    query = urlencode(kept, safe=_SAFE_QUERY) if kept else ""
    return urlunsplit(SplitResult(parts.scheme, parts.netloc, path, query, "")), True


def absolute(base: str, href: str) -> str | None:
    """The absolute fetchable URL of `href` on a page at `base`, or None (mailto:, tel:, ...)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    return _joined(base, href)


# Navigation links repeat on every page of a site: resolving each once saves most parsing time.
@lru_cache(maxsize=RESOLVE_CACHE_SIZE)
def _joined(base: str, href: str) -> str | None:
    try:
        joined = urljoin(base, href)
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme.lower() not in FETCHABLE_SCHEMES or not parts.hostname:
        return None
    try:
        return normalize(joined)
    except ValueError:
        return None


class Resolver:
    """Resolves the links of one page, sharing results between pages of the same directory."""

    def __init__(self, base: str) -> None:
        self.base = base
        parts = urlsplit(base)
        self.root = f"{parts.scheme}://{parts.netloc}/"
        self.directory = (
            f"{parts.scheme}://{parts.netloc}{parts.path[: parts.path.rfind('/') + 1] or '/'}"
        )

    def __call__(self, href: str) -> str | None:
        href = href.strip()
        if not href or href[0] == "#":
            return None
        if href.startswith(("http://", "https://")):
            return _joined("", href)
        if ":" in href.split("/", 1)[0]:
            return _joined(self.base, href)
        if href[0] == "/" and not href.startswith("//"):
            return _joined(self.root, href)
        if href[0] in "/?" or href.startswith("./?"):
            return _joined(self.base, href)
        return _joined(self.directory, href)


@lru_cache(maxsize=4096)
def site_key(url: str) -> str:
    """Host (and port) of a URL without a leading www., so www.x.gov.cn and x.gov.cn are one
    site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host.removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
