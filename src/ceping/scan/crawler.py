"""The crawl of one site: frontier, limits, traps, robots, broken-link bookkeeping, checks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import replace
from urllib.parse import urlsplit

from ceping.scan import challenge, embeds, policy, urls
from ceping.scan.checks.base import Check, CheckContext, SiteView
from ceping.scan.config import ScanConfig
from ceping.scan.fetch import Fetcher, Response
from ceping.scan.linkbook import LinkBook, digest
from ceping.scan.models import (
    BROKEN_LINK,
    CRAWLED_KINDS,
    PAGE_LINK,
    SCRIPT_CHALLENGE,
    STYLESHEET,
    TRAP,
    UNREACHABLE,
    Finding,
    Link,
    LinkStatus,
    PageResult,
)
from ceping.scan.pages import page_from_response
from ceping.scan.parsepool import ParsePool
from ceping.scan.render import Renderer
from ceping.scan.report import SiteReport
from ceping.scan.robots import RobotsRules
from ceping.scan.sink import Sink
from ceping.scan.traps import TrapLog, TrapVerdict

Progress = Callable[[str, int, int, int, bool], None]
DOCUMENT_SUFFIXES = urls.DOCUMENT_SUFFIXES  # where it was defined before
log = logging.getLogger(__name__)

# A page, or a check on it, that fails in our own code is the scanner's defect, not the site's:
# the page is noted with one of these reasons (the traceback goes to the log) and the crawl goes
# on. The site's result lists at most MAX_FAILURES_LISTED of them, and counts them all.
PARSE_FAILED = "页面内容解析出错，未检查此页的链接和内容"
CHECK_FAILED = "一项检查在此页出错，已跳过该项检查"
LINKS_FAILED = "处理此页的链接时出错，其余链接未检查"
SITE_CHECK_FAILED = "一项全站检查出错，已跳过该项检查"
MAX_FAILURES_LISTED = 50


class SiteCrawl:
    """Crawls one site breadth-first and writes pages and findings to the sink as they come."""

    def __init__(
        self,
        url: str,
        config: ScanConfig,
        fetcher: Fetcher,
        robots: RobotsRules,
        book: LinkBook,
        sink: Sink,
        checks: tuple[Check, ...],
        progress: Progress | None = None,
        parse: ParsePool | None = None,
    ) -> None:
        self.given = url
        try:
            self.start = urls.normalize(url)
            self.is_usable = True
        except ValueError:
            # A bad address in the list of sites is that site's defect, not the whole scan's.
            self.start, self.is_usable = url.strip(), False
        self.config = config
        self.fetcher, self.robots, self.book, self.sink = fetcher, robots, book, sink
        self.page_checks = tuple(c for c in checks if c.on_page is not None)
        self.site_checks = tuple(c for c in checks if c.on_site is not None)
        self.progress = progress
        self.parse = parse or ParsePool(replace(config, parse_workers=0))
        self.scope = {urls.site_key(self.start)} if self.is_usable else set()
        self.ctx = CheckContext(config, self.start)
        self.traps = TrapLog(config.as_of)
        self.frontier: deque[tuple[str, int]] = deque()
        self.seen: set[bytes] = set()
        self.skipped: set[bytes] = set()
        self.fetched: set[bytes] = set()
        self.aliases: dict[bytes, str] = {}  # session-id variants -> the URL without the id
        self.resource_only: set[bytes] = set()  # seen as resources, not (yet) as pages
        self.resources = 0  # embedded resources checked (or being checked) for this site
        self.checked_only = 0  # the site's own links checked, not fetched (documents, past limits)
        self._sheets: set[asyncio.Task[None]] = set()
        self.findings: dict[Finding, None] = {}
        self.home: PageResult | None = None
        self.pages = self.admitted = self.links = self.bytes = self.robots_skipped = 0
        self.in_flight = 0
        self.ttfb_ms_sum = self.load_ms_sum = self.load_ms_max = 0
        self.waiting = 0
        # Pages waiting on each link target's answer, as (page, kind): plain tuples of strings,
        # which the cyclic collector stops tracking (decision 0027).
        self._waits: dict[str, list[tuple[str, str]]] = {}
        self.limits_hit: set[str] = set()
        self.failures: list[dict[str, str]] = []
        self._stopped_waiting = False
        self.failure_count = 0
        self._wake = asyncio.Event()
        self._started = time.monotonic()
        # Script challenges (scan/challenge.py): the browser that passes them, one at a time, and
        # the pages whose challenge was not passed (with the status they answered).
        self._renderer: Renderer | None = None
        self._challenge_lock = asyncio.Lock()
        self.challenged: dict[str, int | None] = {}

    # -- bookkeeping -------------------------------------------------------------------------

    def _emit(self, finding: Finding) -> None:
        if finding not in self.findings:
            self.findings[finding] = None
            self.sink.finding(self.given, finding)

    def _failed(self, page_url: str, reason: str, check: str = "") -> None:
        """Note one failure of our own code on `page_url`; the caller logged the traceback."""
        self.failure_count += 1
        if len(self.failures) < MAX_FAILURES_LISTED:
            entry = {"page": page_url, "reason": reason}
            if check:
                entry["check"] = check
            self.failures.append(entry)

    def _report_progress(self, done: bool = False) -> None:
        if self.progress is not None:
            self.progress(self.given, self.pages, self.links, len(self.findings), done)

    def _broken(
        self, page_url: str, url: str, kind: str, status: int | None, error: str | None
    ) -> None:
        self._emit(
            Finding.make(
                BROKEN_LINK, page=page_url, url=url, status=status, error=error, resource=kind
            )
        )

    def _watch(self, target: str, page_url: str, kind: str = PAGE_LINK) -> None:
        self.waiting += 1
        waits = self._waits.get(target)
        if waits is not None:
            waits.append((page_url, kind))
            return
        self._waits[target] = [(page_url, kind)]
        self.book.wait(target, self._on_answer)  # answers at once if the target is known

    def _on_answer(self, status: LinkStatus) -> None:
        if self._stopped_waiting:
            return  # an answer after the site's time: the site's result is already made
        waits = self._waits.pop(status.url, ())
        if status.is_broken and not self._is_challenge_answer(status):
            for page_url, kind in waits:
                self._broken(page_url, status.url, kind, status.status, status.error)
        self.waiting -= len(waits)
        self._wake.set()

    def _is_challenge_answer(self, status: LinkStatus) -> bool:
        """A 412/521 from a site that answers with script challenges: its WAF, not a dead link."""
        if self._renderer is None or status.status not in challenge.CHALLENGE_STATUSES:
            return False
        return self.is_internal(status.url)

    def is_internal(self, url: str) -> bool:
        return urls.site_key(url) in self.scope

    # -- links -------------------------------------------------------------------------------

    async def _consider(self, target: str, page: PageResult, kind: str = PAGE_LINK) -> None:
        """Decide what to do with one link of a page: crawl it, check it, or skip it."""
        key = digest(target)
        alias = self.aliases.get(key)
        if alias is not None:
            target, key = alias, digest(alias)
        if key in self.skipped:
            return
        if key in self.seen and key in self.resource_only and self.is_internal(target):
            # Checked as a resource (a form's address, say) and now linked as a page: crawl it.
            self.resource_only.discard(key)
            self.seen.discard(key)
        if key in self.seen:
            self._watch(target, page.url, kind)
            return
        if not self.is_internal(target):
            self.seen.add(key)
            if self.config.check_external:
                self._watch(target, page.url, kind)
                self.book.check(target)
            else:
                self.skipped.add(key)
            return
        stripped, had_session = urls.strip_session(target)
        if had_session:
            self.traps.record(TrapVerdict("session_id", urlsplit(stripped).path), target, page.url)
            self.aliases[key] = stripped
            await self._consider(stripped, page, kind)
            return
        self.seen.add(key)
        if not await self.robots.allowed(target):
            self.skipped.add(key)
            self.robots_skipped += 1
            return
        if not self.traps.admit(target, page.url):
            self.skipped.add(key)
            return
        is_document = urlsplit(target).path.lower().endswith(DOCUMENT_SUFFIXES)
        if (
            is_document
            or page.depth + 1 > self.config.max_depth
            or self.admitted >= self.config.max_pages
        ):
            if not is_document:
                self.limits_hit.add("pages" if self.admitted >= self.config.max_pages else "depth")
            if self.checked_only >= self.config.max_pages:
                # Links only checked count against the page limit too: `--max-pages 3000` once
                # sent 96,829 HEAD requests (809 MB) to one host of 100k linked pages.
                self.limits_hit.add("checks")
                self.skipped.add(key)
                return
            self.checked_only += 1
            self._watch(target, page.url, kind)
            self.book.check(target)
            return
        self._watch(target, page.url, kind)
        self.admitted += 1
        self.frontier.append((target, page.depth + 1))
        self._wake.set()

    def _consider_resource(self, target: str, page_url: str, kind: str) -> bool:
        """Check an embedded resource once per scan, never crawl it; False when over limits."""
        key = digest(target)
        if key in self.skipped:
            return True
        if key in self.seen:
            self._watch(target, page_url, kind)
            return True
        is_internal = self.is_internal(target)
        if not (is_internal or self.config.check_external):
            self.skipped.add(key)
            return True
        if self._over_limits():
            return False
        if self.resources >= self.config.max_resources:
            self.limits_hit.add("resources")
            return False
        self.seen.add(key)
        self.resource_only.add(key)
        self.resources += 1
        self._watch(target, page_url, kind)
        # A site's own sheet is read even when its answer is known (restored from the sink on
        # resume): what its url()s load is only known from its body.
        if kind == STYLESHEET and is_internal:
            self.waiting += 1  # the crawl ends only once the sheet's url()s are watched too
            task = asyncio.create_task(self._stylesheet(target))
            self._sheets.add(task)
            task.add_done_callback(self._sheets.discard)
        else:
            self.book.check(target)
        return True

    async def _stylesheet(self, url: str) -> None:
        """Fetch a site's own style sheet like a resource and check what its url()s load."""
        try:
            if not await self.robots.allowed(url):
                self.book.resolve(LinkStatus(url, None, "disallowed by robots.txt", checked=False))
                return
            resp = await self.fetcher.get_page(url)
            self.bytes += resp.size
            if resp.error is not None and resp.error.startswith("address refused"):
                self.book.resolve(LinkStatus(url, None, resp.error, checked=False))
                return
            if resp.body and resp.status is not None and resp.status < 400 and not resp.is_html:
                css = resp.body.decode("utf-8", errors="replace")
                self._embedded(embeds.linked_css_links(css, resp.final_url or url), url)
            self.book.resolve(LinkStatus(url, resp.status, resp.error))
        except Exception as exc:  # noqa: BLE001 - a bug here must not leave pages waiting forever
            self.book.resolve(LinkStatus(url, None, f"check failed: {exc!r}", checked=False))
        finally:
            self.waiting -= 1
            self._wake.set()

    def _embedded(self, links: tuple[Link, ...], page_url: str) -> None:
        """What a page (or style sheet) loads: malformed URLs reported, the rest checked."""
        if not self.config.check_resources:
            return
        budget = self.config.max_resources_per_page
        for link in links:
            if link.error is not None:
                self._broken(page_url, link.url, link.kind, None, link.error)
            elif budget <= 0:
                self.limits_hit.add("resources")
                return
            elif self._consider_resource(link.url, page_url, link.kind):
                budget -= 1
            else:
                return

    async def _process(self, page: PageResult) -> None:
        """Everything that follows from one fetched page; replayed as-is when resuming."""
        self.fetched.add(digest(page.url))
        self.seen.add(digest(page.url))
        if page.depth == 0:
            self.home = page
        if page.ok:
            self.pages += 1
            self.ttfb_ms_sum += page.ttfb_ms
            self.load_ms_sum += page.total_ms
            self.load_ms_max = max(self.load_ms_max, page.total_ms)
        self.bytes += page.size
        if page.size >= policy.MAX_PAGE_BYTES:
            self.limits_hit.add("page_size")  # read up to the cap: links past it are not seen
        if page.cut:
            self.limits_hit.add(page.cut)
        self.book.resolve(LinkStatus(page.url, page.status, page.error))
        findings: list[Finding] = []
        if page.ok and page.is_html and self.is_internal(page.final_url or page.url):
            try:
                await self._follow_links(page)
            except Exception:  # one page must not end the site's crawl
                log.exception("links of %s failed", page.url)
                self._failed(page.url, LINKS_FAILED)
            for check in self.page_checks:
                assert check.on_page is not None
                try:
                    findings.extend(list(check.on_page(page, self.ctx)))
                except Exception:  # nor must one check
                    log.exception("check %s failed on %s", check.name, page.url)
                    self._failed(page.url, CHECK_FAILED, check.name)
        for found in findings:
            self.findings[found] = None
        self.sink.page(self.given, page, findings)
        self._report_progress()

    async def _follow_links(self, page: PageResult) -> None:
        targets: dict[str, Link] = {}
        for link in page.links:
            targets.setdefault(link.url, link)
        self.links += len(targets)
        if len(targets) > self.config.max_links_per_page:
            self.limits_hit.add("links")
            targets = dict(list(targets.items())[: self.config.max_links_per_page])
        resources: list[Link] = []
        for target, link in targets.items():
            if self._over_limits():
                return  # the site's time is up: its links are not worth a wait any more
            if link.kind not in CRAWLED_KINDS:
                resources.append(link)
            elif link.error is not None:
                self._broken(page.url, link.url, link.kind, None, link.error)
            else:
                await self._consider(target, page, link.kind)
        self._embedded(tuple(resources), page.url)

    # -- the crawl ---------------------------------------------------------------------------

    def _over_limits(self) -> bool:
        if time.monotonic() - self._started > self.config.max_seconds:
            self.limits_hit.add("time")
        if self.bytes > self.config.max_bytes:
            self.limits_hit.add("bytes")
        return bool({"time", "bytes", "stopped"} & self.limits_hit)

    def halt(self) -> None:
        """Stop the crawl where it is (the scan was stopped by hand): no page is fetched after the
        ones in flight, no answer awaited, and the site checks are left. Cancelling the crawl's
        task alone is not enough: asyncio.wait_for (3.11) drops a cancellation that meets its
        page's answer, and a worker crawled an endless site on."""
        self.limits_hit.add("stopped")
        self._wake.set()

    async def _fetch(self, url: str, depth: int, attempts: int | None = None) -> PageResult:
        resp = await self.fetcher.get_page(url, attempts, is_home=depth == 0)
        if challenge.is_challenge(resp):
            resp = await self._past_challenge(url, resp)
        try:
            return await self.parse(resp, depth)
        except Exception:  # the answer still counts, unparsed
            log.exception("parsing %s failed", url)
            self._failed(url, PARSE_FAILED)
            return page_from_response(replace(resp, body=None), depth, self.config.as_of)

    async def _past_challenge(self, url: str, resp: Response) -> Response:
        """The page behind a script challenge: passed in the browser (within the site's render
        budget), its cookie then sent with every later request. A challenge not passed is a page
        that answered but was not read: nothing of it is judged (no broken link, no blank or
        stale column, no missing feature), and the site's report says so."""
        async with self._challenge_lock:
            if self._renderer is None:
                c = self.config
                self._renderer = Renderer(self.start, c.render_pages, c.render_seconds,
                                          c.chromium_path)  # fmt: skip
            else:  # another page's pass may already let this one through
                again = await self.fetcher.get_page(url)
                if not challenge.is_challenge(again):
                    return again
            passed = await self._renderer.pass_challenge(url)
            if passed is not None:
                self.fetcher.add_pass(url, passed.cookies)
                again = await self.fetcher.get_page(url)
                if not challenge.is_challenge(again):
                    # The cookie does it: the browser's slot goes back to the other sites.
                    await self._renderer.aclose()
                    return again
                body = passed.html.encode("utf-8")  # a pass bound to the browser: its page
                return replace(resp, status=passed.status, size=len(body),
                               content_type="text/html; charset=utf-8", body=body)  # fmt: skip
        self.challenged[url] = resp.status
        return Response(url, resp.final_url, 200, None, "", None, resp.ttfb_ms, resp.total_ms)

    async def _close_renderer(self) -> dict[str, object]:
        """Close the challenges' browser; the report's note of what needed it."""
        if self._renderer is None:
            return {}
        await self._renderer.aclose()
        if self.challenged:
            pages = sorted(self.challenged)
            others = tuple(pages[1:5])
            self._emit(
                Finding.make(SCRIPT_CHALLENGE, page=pages[0], status=self.challenged[pages[0]],
                             page_count=len(pages), **({"other_pages": others} if others else {}))
            )  # fmt: skip
        return {"challenge_pages": list(self._renderer.rendered)} if self._renderer.rendered else {}

    def _left_s(self, grace_s: float = 0.0) -> float:
        if "stopped" in self.limits_hit:
            return 0.0
        spent_s = time.monotonic() - self._started
        return max(self.config.max_seconds + grace_s - spent_s, 0.0)

    async def _fetch_in_time(self, url: str, depth: int) -> PageResult | None:
        """The page, or None when the site's time runs out first (waiting for a turn included)."""
        try:
            return await asyncio.wait_for(self._fetch(url, depth), self._left_s())
        except TimeoutError:
            self.limits_hit.add("time")
            self.book.give_up(url)
            return None

    async def _worker(self) -> None:
        while True:
            if self.frontier and not self._over_limits():
                url, depth = self.frontier.popleft()
                if digest(url) in self.fetched:
                    continue
                self.in_flight += 1
                try:
                    page = await self._fetch_in_time(url, depth)
                    if page is not None:
                        await self._process(page)
                finally:
                    self.in_flight -= 1
                    self._wake.set()
                continue
            if self.in_flight == 0:
                self._wake.set()
                return
            self._wake.clear()
            await self._wake.wait()

    async def _replay(self) -> bool:
        """Restore what the sink holds from an interrupted run; True when the home page is there."""
        restored = self.sink.restore(self.given)
        for status in restored.links:
            self.book.preload(status)
        for page in restored.pages:
            if page.depth == 0:
                self._widen_scope(page)
                self.admitted += 1
            elif digest(page.url) not in self.seen:
                # Written before the page that links to it (fetches overlap): count it now.
                self.admitted += 1
            await self._process(page)
        return self.home is not None

    def _widen_scope(self, home: PageResult) -> None:
        # A home page that redirects to www. or another host makes that host part of the site.
        if home.final_url:
            self.scope.add(urls.site_key(home.final_url))

    async def run(self) -> SiteReport:
        if not self.is_usable:
            self._emit(Finding.make(UNREACHABLE, page=self.start, error="unusable address"))
            return self._finish_unreachable()
        if not await self._replay():
            if not await self.robots.allowed(self.start):
                self._emit(
                    Finding.make(UNREACHABLE, page=self.start, error="disallowed by robots.txt")
                )
                return self._finish_unreachable()
            home = await self._fetch(self.start, 0, self.config.home_attempts)
            self._widen_scope(home)
            self.admitted += 1
            await self._process(home)
        assert self.home is not None
        if self.start in self.challenged:  # its home page unread, the site is not judged at all
            features = await self._close_renderer()
            return self._finish(True, {"unchecked": True, "sections": {}, **features})
        if not self.home.ok:
            self._emit(
                Finding.make(
                    UNREACHABLE, page=self.start, status=self.home.status, error=self.home.error
                )
            )
            return self._finish_unreachable()
        workers = [asyncio.create_task(self._worker()) for _ in range(self.config.per_host)]
        await asyncio.gather(*workers)
        if "stopped" in self.limits_hit:
            return await self.stopped()
        for url, _ in self.frontier:
            self.book.give_up(url)
        await self._await_links()
        passed = await self._close_renderer()  # before the checks take a browser of their own
        try:
            features = {**await self._site_checks(), **passed}
        finally:
            if self._renderer is not None:  # opened again for a check's page behind a challenge
                await self._renderer.aclose()
        self._emit_traps()
        return self._finish(True, features)

    async def _await_links(self) -> None:
        """Wait for the answers about this site's links, within the site's time: what is still
        unanswered then is left (and reported nowhere), the site marked cut by time."""
        while self.waiting > 0:
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self._left_s())
            except TimeoutError:
                self.limits_hit.add("time")
                self._stopped_waiting = True
                return

    async def _site_checks(self) -> dict[str, object]:
        view = SiteView(self.start, self.home, self.pages, self._get_allowed, self._probe)
        features: dict[str, object] = {}
        for check in self.site_checks:
            assert check.on_site is not None
            try:
                outcome = await check.on_site(view, self.ctx)
            except Exception:  # the other checks and the crawl's result stand
                log.exception("site check %s failed on %s", check.name, self.start)
                self._failed(self.start, SITE_CHECK_FAILED, check.name)
                continue
            features.update(outcome.features)
            for found in outcome.findings:
                self._emit(found)
        return features

    async def _get_allowed(self, url: str) -> Response | None:
        if not await self.robots.allowed(url):
            return None
        resp = await self._answer_in_time(url, self.fetcher.get_page(url))
        if self._renderer is not None and challenge.is_challenge(resp):
            # A pass bound to the browser: the checks read the page as it draws it, if budget.
            resp = await self._answer_in_time(url, self._past_challenge(url, resp))
        return resp

    async def _probe(self, url: str) -> Response:
        return await self._answer_in_time(url, self.fetcher.check(url, attempts=1))

    async def _answer_in_time(self, url: str, request: Awaitable[Response]) -> Response:
        # A site check waits its turn like a page (Crawl-delay), within the site's time limit
        # and a grace: a site crawled until its time ran out still gets its search tried.
        grace_s = min(policy.SITE_CHECKS_GRACE_S, self.config.max_seconds)
        try:
            return await asyncio.wait_for(request, self._left_s(grace_s))
        except TimeoutError:
            self.limits_hit.add("time")
            return Response(url, url, None, "not fetched (time limit)")

    def _emit_traps(self) -> None:
        for (reason, pattern), (count, url, page) in sorted(self.traps.skipped.items()):
            self._emit(
                Finding.make(
                    TRAP, page=page, url=url, reason=reason, pattern=pattern, skipped=count
                )
            )

    def _finish_unreachable(self) -> SiteReport:
        return self._finish(False, {"search": False, "english": False, "sections": {}})

    async def stopped(self) -> SiteReport:
        """What the crawl had found when it was stopped (Ctrl-C on `ceping scan`), marked partial
        (`stopped`): the site checks never ran, so what they find is unknown. The sink is not told
        the site is done, so a resumed scan goes on from there."""
        self.limits_hit.add("stopped")
        if self._renderer is not None:
            with contextlib.suppress(Exception):
                await self._renderer.aclose()
        self._emit_traps()
        reachable = self.home is not None and self.home.ok
        return self._finish(reachable, {"unchecked": True, "sections": {}}, done=False)

    def _finish(
        self, reachable: bool, features: dict[str, object], done: bool = True
    ) -> SiteReport:
        if done:
            self.sink.site_done(self.given)
        self._report_progress(done=True)
        # The speed check measures the home page twice and keeps the better time.
        home_ms = features.pop("home_ms", self.home.total_ms if self.home else None)
        stats = {
            "links": self.links,
            "bytes": self.bytes,
            "robots_skipped": self.robots_skipped,
            "seconds": round(time.monotonic() - self._started, 3),
            "limits_hit": sorted(self.limits_hit),
            "failures": self.failure_count,
            "failed_pages": list(self.failures),
            "ttfb_ms_avg": self.ttfb_ms_sum // self.pages if self.pages else None,
            "load_ms_avg": self.load_ms_sum // self.pages if self.pages else None,
            "load_ms_max": self.load_ms_max,
            "home_ttfb_ms": self.home.ttfb_ms if self.home else None,
            "home_ms": home_ms,
        }
        return SiteReport(self.given, reachable, self.pages, features, tuple(self.findings), stats)
