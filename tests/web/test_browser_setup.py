"""Browser tests skip without Chromium, except in CI, where a missing browser is a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web import browser


def test_without_chromium_browser_tests_skip_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match="no-chromium is absent: install Debian's chromium"
    ):
        browser.require_chromium()


def test_in_ci_a_missing_chromium_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="is absent"):
        browser.require_chromium()
