"""`--max-pages` bounds every request to the site's own pages, the links only checked included."""

from __future__ import annotations

import datetime as dt

from ceping.scan import ScanConfig, run_scan
from tests.threaded_http import QuietHandler, serve_threaded

LINKED = 2000
HOME = "<html><body>" + "".join(f"<a href='/p{n}.html'>第{n}页</a>" for n in range(LINKED))
LEAF = "<html><body><p>内容</p></body></html>"


def test_links_past_the_page_limit_are_checked_only_up_to_it() -> None:
    requests: list[tuple[str, str]] = []

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            requests.append((self.command, self.path))
            if self.path == "/":
                self.send_body(HOME)
            elif self.path.startswith("/p"):
                self.send_body(LEAF, with_body=self.command == "GET")
            else:
                self.send_error(404)

        do_HEAD = do_GET

    with serve_threaded(Handler) as base:
        config = ScanConfig(
            urls=(base,),
            as_of=dt.date(2012, 11, 30),
            allow_private=True,
            check_typos=False,
            check_https=False,
            max_pages=20,
        )
        [report] = run_scan(config)
    to_pages = [r for r in requests if r[1].startswith("/p")]
    # 19 pages fetched besides the home page, then 20 links checked: 1,980 HEADs before.
    assert len(to_pages) == 19 + 20, len(to_pages)
    assert {"pages", "checks"} <= set(report.stats["limits_hit"])
    out = report.to_json()
    assert out["partial"] and any("其余链接未检查" in r for r in out["partial_reasons"])
    assert report.pages == 20
