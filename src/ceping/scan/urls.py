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
# Targets with these endings are documents, not pages: judged by a HEAD, never crawled.
DOCUMENT_SUFFIXES = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z", ".gz",
    ".jpg", ".jpeg", ".png", ".gif", ".mp4", ".mp3", ".avi", ".wps", ".txt", ".csv", ".apk",
    ".exe", ".iso", ".flv", ".wmv",
)  # fmt: skip


def split_path(href: str) -> str:
    """The path of a link as written, lower-cased, without query or fragment."""
    return href.split("#", 1)[0].split("?", 1)[0].strip().lower()


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


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Characters no host may hold (WHATWG "forbidden host code points"), controls included below.
_FORBIDDEN_HOST = frozenset(" #%/:<>?@[\\]^|\t\n\r\"'`{}")
_HOSTED_SCHEME = re.compile(r"^\s*(https?):", re.IGNORECASE)


@lru_cache(maxsize=RESOLVE_CACHE_SIZE)
def malformed(href: str) -> str | None:
    """Why `href` is not a usable URL (a reason for people and the scan JSON), or None.

    Only fetchable targets are judged: `mailto:`, `data:`, `javascript:` and `#...` are fine.
    An http(s) URL must name a host: `http:` or `http:/x` would otherwise be read as the page
    itself or its root, and the author's mistake would never be seen."""
    href = href.strip()
    if not href or href[0] == "#":
        return None
    hosted = _HOSTED_SCHEME.match(href)
    if hosted is None and (href.startswith("//") or ":" not in href.split("/", 1)[0]):
        hosted_rest = href  # relative or scheme-relative: judged on its host and escapes
    elif hosted is not None:
        hosted_rest = href[hosted.end() :]
        if not hosted_rest.startswith("//"):
            return "malformed URL: no host"
    else:
        return None  # another scheme (mailto:, tel:, data:, about:, ...): not ours to fetch
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in href):
        return "malformed URL: control character"
    if hosted_rest.startswith("//"):
        reason = _bad_authority(hosted_rest[2:])
        if reason is not None:
            return reason
    if _BAD_PERCENT.search(href.split("#", 1)[0]):
        return "malformed URL: bad percent-encoding"
    return None


def _bad_authority(rest: str) -> str | None:
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    host_port = authority.rpartition("@")[2]
    if host_port.startswith("["):
        host, _, port = host_port[1:].partition("]")
        port = port.removeprefix(":")
        try:
            urlsplit(f"http://{host_port}/").hostname  # noqa: B018 - validates the literal
        except ValueError:
            return "malformed URL: bad IPv6 address"
    else:
        host, _, port = host_port.partition(":")
        if "]" in host_port:
            return "malformed URL: illegal character in host"
    if not host:
        return "malformed URL: empty host"
    if not host_port.startswith("[") and any(c in _FORBIDDEN_HOST for c in host):
        return "malformed URL: illegal character in host"
    if not host_port.startswith("[") and (host.startswith(".") or ".." in host):
        return "malformed URL: empty label in host"
    if port and (not port.isdigit() or not 0 < int(port) < 65536):
        return "malformed URL: bad port"
    return None


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


def is_under(host: str, domain: str) -> bool:
    """Whether `host` is `domain` or a subdomain of it: a.gov.cn is under gov.cn, xgov.cn not."""
    return host == domain or host.endswith("." + domain)
