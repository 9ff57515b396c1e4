"""URL handling: joining, normalizing, Chinese paths, session ids, scope."""

from __future__ import annotations

import pytest

from ceping.scan import urls


@pytest.mark.parametrize(
    ("base", "href", "expected"),
    [
        ("http://a.gov.cn/x/y.html", "z.html", "http://a.gov.cn/x/z.html"),
        ("http://a.gov.cn/x/y.html", "../z.html", "http://a.gov.cn/z.html"),
        (
            "http://a.gov.cn/x/y.html",
            "/中文/说明.html",
            "http://a.gov.cn/%E4%B8%AD%E6%96%87/%E8%AF%B4%E6%98%8E.html",
        ),
        ("http://a.gov.cn/x/", "/%E4%B8%AD%E6%96%87/", "http://a.gov.cn/%E4%B8%AD%E6%96%87/"),
        ("http://a.gov.cn/x/", "page.html#part", "http://a.gov.cn/x/page.html"),
        ("http://A.gov.cn:80/x/", "HTTP://B.GOV.CN:80", "http://b.gov.cn/"),
        ("http://a.gov.cn/x/", "//b.gov.cn/y", "http://b.gov.cn/y"),
        ("http://a.gov.cn/x/", "#top", None),
        ("http://a.gov.cn/x/", "mailto:x@a.gov.cn", None),
        ("http://a.gov.cn/x/", "tel:12345", None),
        ("http://a.gov.cn/x/", "javascript:void(0)", None),
        ("http://a.gov.cn/x/", "  ", None),
    ],
)
def test_absolute(base: str, href: str, expected: str | None) -> None:
    assert urls.absolute(base, href) == expected
    assert urls.Resolver(base)(href) == expected


def test_strip_session() -> None:
    assert urls.strip_session("http://a/x.jsp;jsessionid=AB12?id=3") == (
        "http://a/x.jsp?id=3",
        True,
    )
    assert urls.strip_session("http://a/x?sid=1&id=3") == ("http://a/x?id=3", True)
    assert urls.strip_session("http://a/x?id=3") == ("http://a/x?id=3", False)


def test_site_key_joins_www() -> None:
    assert urls.site_key("http://www.sh.gov.cn/a") == urls.site_key("https://sh.gov.cn/")
    assert urls.site_key("http://127.0.0.1:8080/") != urls.site_key("http://127.0.0.1:8081/")
