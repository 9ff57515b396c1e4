"""Script challenges: a first visit answered with a page that only runs a script, which sets a
cookie and reloads (the common WAF shape), instead of the page asked for.

Two shapes are met on government sites: a 412 (瑞数) or 521 (加速乐) answer holding nothing but
scripts, and a 200 page whose one script writes `document.cookie` and goes back to the page
(`location.reload()`, `location.href = …`). Such a page says nothing of the site: it is never
judged broken, blank or stale. With a browser budget it is passed in Chromium (scan/render.py)
and the cookie it earns is sent with the site's later requests; otherwise the page is reported
as one that needs script verification and was not checked (`script_challenge`, a note that
costs no points).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ceping.scan.encoding import decode
from ceping.scan.fetch import Response

# 412 Precondition Failed (瑞数) and 521 (加速乐) are what these WAFs answer a first visit with.
CHALLENGE_STATUSES = frozenset({412, 521})
_OTHER_STATUSES = frozenset({200, 202, 403, 503})
# A challenge page is small (its scripts aside, nothing), however long its obfuscated script.
MAX_CHALLENGE_BYTES = 400_000
# "正在验证，请稍候…" or "请开启JavaScript": a challenge may say a few words, never a page's worth.
MAX_VISIBLE_CHARS = 60
_COOKIE_SET = re.compile(r"document\s*\.\s*cookie\s*=(?!=)")
_NAVIGATION = re.compile(
    r"location\s*\.\s*(?:reload|replace|assign)\s*\(|location(?:\s*\.\s*href)?\s*=(?!=)"
)
_NO_TEXT = "script, style, noscript, template, title"


def is_challenge(resp: Response) -> bool:
    """Whether this answer is a script challenge in place of the page."""
    if resp.body is None or resp.status not in CHALLENGE_STATUSES | _OTHER_STATUSES:
        return False
    if len(resp.body) > MAX_CHALLENGE_BYTES:
        return False
    html = decode(resp.body, resp.content_type)[0]
    # Without a challenge status, only a script writing document.cookie can make one; most pages
    # have none, and parsing every page a second time cost 3 % of a crawl's CPU (decision 0026).
    if resp.status not in CHALLENGE_STATUSES and "cookie" not in html:
        return False
    return is_challenge_html(html, resp.status)


def is_challenge_html(html: str, status: int | None = 200) -> bool:
    """A page of scripts only (no links, no content, a few words at most) that is a challenge:
    answered with a challenge status, or setting a cookie and navigating back by script."""
    tree = LexborHTMLParser(html)
    scripts = tree.css("script")
    if not scripts or tree.body is None:
        return False
    if tree.css_first("a[href], form, iframe, frame, img, input, table") is not None:
        return False
    inline = " ".join(node.text() for node in scripts)
    tree.strip_tags(_NO_TEXT.split(", "))
    if len("".join((tree.body.text() or "").split())) > MAX_VISIBLE_CHARS:
        return False
    if status in CHALLENGE_STATUSES:
        return True
    return bool(_COOKIE_SET.search(inline) and _NAVIGATION.search(inline))
