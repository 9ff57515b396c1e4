"""One visit of one page: when, what came back, how long the first byte took."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A page that answers with an error status is as unavailable to a visitor as one that does
# not answer: 4xx and 5xx fail a visit, a redirect that ends on a page does not.
FAILING_STATUS = 400
# Except the answers of the anti-bot gateways many government sites sit behind: a JavaScript
# challenge that a browser passes and a script does not. 412 to a GET that carries no
# precondition can only be such a challenge (wjw.hubei.gov.cn answers 412 to a script, 200 to
# Chrome: psf/requests#5311); 521 with a cookie-setting script is 加速乐's (www.gsxt.gov.cn:
# MgArcher/jiasule#3). The site answered, so the visit did not fail; its time is the
# gateway's, not the page's, and is left out of the speed figures.
CHALLENGE_STATUSES = frozenset({412, 521})


@dataclass(frozen=True, slots=True)
class Sample:
    site: str  # the site's address (its home page)
    page: str  # the address visited: the home page or one of the key pages
    at: dt.datetime  # when the visit started (timezone-aware)
    status: int | None  # the final status after redirects; None when no HTTP answer came
    error: str | None  # the scanner's reason (shown through vocabulary.error_text)
    ttfb_ms: int | None  # time to the first byte of the final answer

    @property
    def is_ok(self) -> bool:
        """The site answered: with a page, or with its gateway's challenge."""
        return (
            self.error is None
            and self.status is not None
            and (self.status < FAILING_STATUS or self.status in CHALLENGE_STATUSES)
        )

    @property
    def is_page(self) -> bool:
        """The page itself answered, so its time to first byte measures the site."""
        return self.error is None and self.status is not None and self.status < FAILING_STATUS

    @property
    def is_home(self) -> bool:
        return self.page == self.site
