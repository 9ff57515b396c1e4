"""Script-built pages drawn in headless Chromium (Playwright with Debian's chromium): the last
resort for a column whose list is filled in the browser from data the scanner could not read,
and the way past a script challenge (scan/challenge.py).

Bounded per site (pages and seconds, ScanConfig.render_pages / render_seconds); the browser may
load nothing but the site's own addresses, so a page's scripts never reach another host.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceping.scan import policy, urls
from ceping.scan.challenge import is_challenge_html
from ceping.scan.hostmap import Pins, of_family

# A campaign scans its sites at once; a browser each would take gigabytes. Per event loop (a
# scan), at most this many sites hold one; the others wait, within their own render budget.
_BROWSERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


_NOT_LOADED = frozenset({"image", "media", "font"})
CHALLENGE_POLL_S = 0.3


@dataclass(frozen=True)
class Passed:
    """A page once its script challenge was passed, and the cookies that pass it."""

    html: str
    cookies: tuple[tuple[str, str], ...]
    status: int = 200  # what the site answered the browser for the page itself


def _browser_slots() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    slots = _BROWSERS.get(loop)
    if slots is None:
        slots = _BROWSERS[loop] = asyncio.Semaphore(policy.MAX_BROWSERS)
    return slots


def is_available(chromium_path: str) -> bool:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return False
    return Path(chromium_path).exists()


def _resolver_rules(pins: Pins) -> list[str]:
    """Chromium's switch that pins host names as the scan does (scan/hostmap.py)."""
    rules = []
    for name, addresses in pins:
        first = of_family(addresses)[0]
        rules.append(f"MAP {name} {f'[{first}]' if ':' in first else first}")
    return [f"--host-resolver-rules={', '.join(rules)}"] if rules else []


class Renderer:
    """One site's renders: Chromium is started on the first and closed by `aclose`."""

    def __init__(
        self, site_url: str, pages: int, seconds: float, chromium_path: str, pins: Pins = ()
    ) -> None:
        self.site = urls.site_key(site_url)
        self.pins = pins
        self.pages_left = pages
        self.deadline = time.monotonic() + seconds
        self.chromium_path = chromium_path
        self.rendered: list[str] = []  # the pages that needed it, for the report
        self._playwright: Any = None
        self._browser: Any = None
        self._slots: asyncio.Semaphore | None = None  # held from the first render to aclose

    def can_render(self) -> bool:
        return (
            self.pages_left > 0
            and time.monotonic() < self.deadline
            and is_available(self.chromium_path)
        )

    async def html(self, url: str) -> str | None:
        """The page's HTML once its scripts ran; None when over budget or the render failed."""
        if not self.can_render():
            return None
        self.pages_left -= 1
        timeout_s = min(policy.RENDER_TIMEOUT_S, self.deadline - time.monotonic())
        try:
            drawn = await asyncio.wait_for(self._draw(url, timeout_s), timeout_s + 5)
        except Exception:  # noqa: BLE001 - a page the browser cannot draw stays unjudged
            return None
        self.rendered.append(url)
        return drawn

    async def pass_challenge(self, url: str) -> Passed | None:
        """Open a page answered with a script challenge and let its script run (set its cookie,
        reload): the page then shown, and the cookies the site set. None when over budget, or
        when the browser still shows the challenge when time is up."""
        if not self.can_render():
            return None
        self.pages_left -= 1
        timeout_s = min(policy.RENDER_TIMEOUT_S, self.deadline - time.monotonic())
        try:
            passed = await asyncio.wait_for(self._pass(url, timeout_s), timeout_s + 5)
        except Exception:  # noqa: BLE001 - a challenge the browser cannot pass stays unchecked
            return None
        if passed is not None:
            self.rendered.append(url)
        return passed

    async def _pass(self, url: str, timeout_s: float) -> Passed | None:
        browser = await self._start()
        page = await browser.new_page(accept_downloads=False)
        deadline = time.monotonic() + timeout_s
        statuses: list[int] = []  # the page's own answers, the challenge's first

        def on_response(response: Any) -> None:
            if response.request.resource_type == "document" and response.frame == page.main_frame:
                statuses.append(int(response.status))

        page.on("response", on_response)
        try:
            await page.route("**/*", self._only_this_site)
            await page.goto(url, wait_until="load", timeout=timeout_s * 1000)
            while time.monotonic() < deadline:
                left_ms = max((deadline - time.monotonic()) * 1000, 1.0)
                try:  # the reload the script asked for may still be under way
                    await page.wait_for_load_state("networkidle", timeout=left_ms)
                    html = str(await page.content())
                except Exception:  # noqa: BLE001 - navigating: read it once it is done
                    await asyncio.sleep(CHALLENGE_POLL_S)
                    continue
                if not is_challenge_html(html):
                    cookies = await page.context.cookies()
                    status = statuses[-1] if statuses else 200
                    return Passed(html, tuple((c["name"], c["value"]) for c in cookies), status)
                await asyncio.sleep(CHALLENGE_POLL_S)
            return None
        finally:
            await page.close()

    async def _draw(self, url: str, timeout_s: float) -> str:
        browser = await self._start()
        page = await browser.new_page(accept_downloads=False)
        try:
            await page.route("**/*", self._only_this_site)
            await page.goto(url, wait_until="networkidle", timeout=timeout_s * 1000)
            return str(await page.content())
        finally:
            await page.close()

    async def _only_this_site(self, route: Any) -> None:
        try:
            is_own = urls.site_key(route.request.url) == self.site
        except ValueError:
            is_own = False
        # Pictures, media and fonts never carry a list's items: not loaded, the page draws sooner.
        if is_own and route.request.resource_type not in _NOT_LOADED:
            await route.continue_()
        else:
            await route.abort()

    async def _start(self) -> Any:
        if self._browser is None:
            from playwright.async_api import async_playwright

            if self._slots is None:
                slots = _browser_slots()
                await slots.acquire()
                self._slots = slots
            self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.launch(
                executable_path=self.chromium_path, headless=True, args=_resolver_rules(self.pins)
            )
        return self._browser

    async def aclose(self) -> None:
        try:
            if self._browser is not None:
                await self._browser.close()
            if self._playwright is not None:
                await self._playwright.stop()
        finally:
            self._browser = self._playwright = None
            if self._slots is not None:
                self._slots.release()
                self._slots = None
