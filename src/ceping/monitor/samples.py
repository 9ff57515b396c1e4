"""One visit of one page: when, what came back, how long the first byte took."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# A page that answers with an error status is as unavailable to a visitor as one that does
# not answer: 4xx and 5xx fail a visit, a redirect that ends on a page does not.
FAILING_STATUS = 400


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
        return self.error is None and self.status is not None and self.status < FAILING_STATUS

    @property
    def is_home(self) -> bool:
        return self.page == self.site
