"""Playwright on Debian's Chromium (headless, loopback only), with a screenshot of each page
visited."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36",
}


def require_chromium() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser per test module: Playwright's loop must not outlive the browser tests."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are still
    # synchronous, so Django's async-safety check must not refuse them (while the browser lives).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as p:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


class Shots:
    """Saves a full-page screenshot per step into test-artifacts/web/<test>-NN-<step>.png."""

    def __init__(self, name: str) -> None:
        self.name, self.count = name, 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, page: Any, step: str) -> Path:
        self.count += 1
        path = ARTIFACTS / f"{self.name}-{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def sign_in(page: Any, base: str, username: str, shot: Shots | None = None) -> None:
    from tests.web.conftest import PASSWORD  # here: conftest imports this module's fixture

    page.goto(f"{base}/accounts/login/")
    if shot is not None:
        shot(page, "login")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
