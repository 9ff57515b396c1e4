"""Plain-JSON forms of pages, link statuses and findings, for stores that resume a scan."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from typing import Any

from ceping.scan.config import ScanConfig
from ceping.scan.models import DatedItem, Finding, Form, Link, LinkStatus, PageResult
from ceping.scan.pagesignals import HiddenLink, Image, PageSignals


def page_to_json(page: PageResult) -> dict[str, Any]:
    return asdict(page)


def page_from_json(data: dict[str, Any]) -> PageResult:
    return PageResult(
        **{
            **data,
            "links": tuple(Link(**link) for link in data.get("links", ())),
            "forms": tuple(
                Form(
                    **{
                        **form,
                        "text_fields": tuple(form["text_fields"]),
                        "hidden": tuple(tuple(pair) for pair in form["hidden"]),
                    }
                )
                for form in data.get("forms", ())
            ),
            "dated_items": tuple(DatedItem(**item) for item in data.get("dated_items", ())),
            "undated_items": tuple(data.get("undated_items", ())),
            "data_sources": tuple(data.get("data_sources", ())),
            "signals": signals_from_json(data.get("signals") or {}),
        }
    )


def signals_from_json(data: dict[str, Any]) -> PageSignals:
    return PageSignals(
        **{
            **data,
            "markers": tuple(data.get("markers", ())),
            "hidden_links": tuple(HiddenLink(**h) for h in data.get("hidden_links", ())),
            "images": tuple(Image(**i) for i in data.get("images", ())),
        }
    )


def link_to_json(status: LinkStatus) -> dict[str, Any]:
    return asdict(status)


def link_from_json(data: dict[str, Any]) -> LinkStatus:
    return LinkStatus(**data)


def finding_key(finding: Finding) -> str:
    """A stable identity of a finding, the same in every run that finds it (measures left out:
    a page re-measured at 3,100 ms instead of 4,200 ms is the same slow page)."""
    text = json.dumps(list(finding.identity), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def config_to_json(config: ScanConfig) -> dict[str, Any]:
    data = asdict(config)
    data["as_of"] = config.as_of.isoformat()
    return data


def config_from_json(data: dict[str, Any]) -> ScanConfig:
    return ScanConfig(
        **{
            **data,
            "urls": tuple(data["urls"]),
            "as_of": dt.date.fromisoformat(data["as_of"]),
            "section_synonyms": tuple(
                (name, tuple(words)) for name, words in data["section_synonyms"]
            ),
            "pins": tuple((name, tuple(found)) for name, found in data.get("pins", ())),
            **{
                name: tuple(data[name])
                for name in ("identifiers", "hidden_link_words", "sensitive_words")
                if name in data
            },
        }
    )
