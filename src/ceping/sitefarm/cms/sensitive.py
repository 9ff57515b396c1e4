"""Sensitive words on the second farm: the campaign's list, words of it written into articles,
and look-alikes a reader does not see (scan/checks/sensitive_words.py matches visible text).

The list is a neutral example of what organizers ask for after an institutional reform: the
names of bodies that no longer exist, which a page should not call current. `bench/accuracy.py`
gives it to `ceping scan --sensitive-words`. Drawn from a random stream of its own per site, so
the other kinds' plans are the same as without it.
"""

from __future__ import annotations

import dataclasses
import random
from html import escape

from ceping.sitefarm.cms.context import Ctx
from ceping.sitefarm.cms.truth import key_of

WORDS = ("国家工商行政管理总局", "国家质量监督检验检疫总局", "国家安全生产监督管理总局")
_MAIN = '<div class="main" id="main">'
PLANT_SHARE = 0.5  # sites with the words in an article's text
SPARE_SHARE = 0.7  # sites with a word where no reader sees it


def _insert(ctx: Ctx, path: str, html: str) -> None:
    """Write `html` at the start of the page's main block, in the page's own encoding."""
    key = key_of(path)
    page = ctx.site.files[key]
    codec = "gb18030" if ctx.t.charset == "gbk" else "utf-8"
    text = page.body.decode(codec)
    assert _MAIN in text, path
    body = text.replace(_MAIN, _MAIN + html, 1).encode(codec)
    ctx.site.files[key] = dataclasses.replace(page, body=body)


def plant_words(ctx: Ctx, seed: int) -> None:
    """Some articles the home page links to name a word of the list in a sentence of their own
    (planted); another hides one in an image's alt, a script or a comment (clean)."""
    rng = random.Random(f"cms-words-{seed}-{ctx.site.index}")
    articles = sorted({item.path for _, items in ctx.featured for item in items[:6]})
    rng.shuffle(articles)
    if rng.random() < PLANT_SHARE:
        for n, path in enumerate(articles[: rng.choice((1, 2))]):
            word = rng.choice(WORDS)
            _insert(ctx, path, f"<p>依据原{word}第{n + 3}号文件精神，现将有关事项重新公布。</p>")
            ctx.plant("sensitive_word", page=ctx.url(path), text=word)
        articles = articles[2:]
    if articles and rng.random() < SPARE_SHARE:
        path, word = articles[0], rng.choice(WORDS)
        hidden = (
            f'<img src="/images/banner.jpg" alt="{escape(word)}" role="presentation">',
            f'<script>var source = "{word}";</script>',
            f"<!-- {word} -->",
        )
        shape = rng.randrange(len(hidden))
        _insert(ctx, path, hidden[shape])
        why = ("词只在图片的替代文字中", "词只在脚本中", "词只在注释中")[shape]
        ctx.spare("sensitive_word", f"{why}，读者看不到", page=ctx.url(path), text=word)
