"""The pages run no script but the app's own files: the policy is sent, and no template needs
more than it allows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "ceping" / "web" / "templates"


@pytest.mark.django_db
def test_every_page_says_which_scripts_may_run(client: Client) -> None:
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"  # no inline script, no other origin
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"


def test_no_template_needs_an_inline_script() -> None:
    # Such a script would be refused by the policy: every script is a file under static/.
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
    comment = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.DOTALL)
    offending = [
        f"{path.relative_to(TEMPLATES)}: {m.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for m in inline.finditer(comment.sub("", path.read_text(encoding="utf-8")))
    ]
    assert offending == []
