"""The notice as one self-contained HTML page (charts inline), every text escaped."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from ceping.errors import CANNOT_WRITE, ReportError
from ceping.report.notice import Block, Notice
from ceping.report.text import clean

STYLE = """
body { max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff;
       font: 16pt/1.8 "仿宋_GB2312", "仿宋", FangSong, "Noto Serif CJK SC", serif; }
h1 { font: 22pt/1.6 "方正小标宋简体", "小标宋", "Noto Serif CJK SC", serif; \
text-align: center; margin: 0 0 1em; }
h2 { font: 16pt/1.8 "黑体", SimHei, "Noto Sans CJK SC", sans-serif; text-indent: 2em; margin: 0; }
h3 { font: 16pt/1.8 "楷体_GB2312", "楷体", KaiTi, serif; text-indent: 2em; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
p.flush { text-indent: 0; }
.lead { font-family: "楷体_GB2312", "楷体", KaiTi, serif; }
.sample { color: #b22222; text-align: center; text-indent: 0; }
.signature { text-align: right; margin-top: 1.8em; padding-right: 2em; }
.signature p { text-align: right; text-indent: 0; }
.attachment { border-top: 1px solid #999; margin-top: 3em; padding-top: 1em; }
.attachment-label { font-family: "黑体", SimHei, sans-serif; text-indent: 0; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; }
figcaption { font-family: "楷体_GB2312", "楷体", KaiTi, serif; }
.masthead { color: #ff0000; text-align: center; font-size: 2.2em; margin: 0 0 .8em; }
.number { text-align: center; text-indent: 0; padding-bottom: .4em; margin-bottom: 1.5em;
  border-bottom: 2px solid #ff0000; }
.imprint { border-top: 2px solid #000; border-bottom: 2px solid #000; margin-top: 3em; }
.imprint p { text-indent: 0; padding: 0 1em; display: flex; justify-content: space-between; }
.imprint p + p { border-top: 1px solid #000; }
"""


def _text(value: str) -> str:
    return escape(clean(value), quote=True)


def _title(lines: tuple[str, ...]) -> str:
    return "<br>".join(_text(line) for line in lines)


def _block(block: Block) -> str:
    if block.kind == "h1":
        return f"<h2>{_text(block.lead)}</h2>"
    if block.kind == "h2" and not block.text:
        return f"<h3>{_text(block.lead)}</h3>"
    if block.kind == "h2":
        return f'<p><span class="lead">{_text(block.lead)}</span>{_text(block.text)}</p>'
    if block.kind == "chart" and block.chart is not None:
        data = base64.b64encode(block.chart.png).decode("ascii")
        caption = _text(block.text)
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{caption}">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    return f"<p>{_text(block.text)}</p>"


def render_notice_html(notice: Notice) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(notice.title)}</title><style>{STYLE}</style></head><body>",
    ]
    if notice.masthead:
        parts.append(f'<div class="masthead">{_text(notice.masthead)}</div>')
    if notice.number:
        signer = f"　签发人：{_text(notice.signer)}" if notice.signer else ""
        parts.append(f'<p class="number">{_text(notice.number)}{signer}</p>')
    parts.append(f"<h1>{_title(notice.title_lines)}</h1>")
    if notice.sample_note:
        parts.append(f'<p class="sample">{_text(notice.sample_note)}</p>')
    if notice.addressee:
        parts.append(f'<p class="flush">{_text(notice.addressee)}</p>')
    parts.extend(_block(block) for block in notice.body)
    if notice.attachments:
        titles = [a.title for a in notice.attachments]
        if len(titles) == 1:
            parts.append(f"<p>附件：{_text(titles[0])}</p>")
        else:
            items = "<br>".join(f"{i}．{_text(t)}" for i, t in enumerate(titles, start=1))
            parts.append(f"<p>附件：{items}</p>")
    parts.append(
        f'<div class="signature"><p>{_text(notice.signature)}</p><p>{_text(notice.date)}</p></div>'
    )
    for index, attachment in enumerate(notice.attachments, start=1):
        label = "附件" if len(notice.attachments) == 1 else f"附件{index}"
        parts.append(f'<section class="attachment" id="attachment-{index}">')
        parts.append(
            f'<p class="attachment-label">{label}</p><h1>{_title(attachment.title_lines)}</h1>'
        )
        parts.extend(_block(block) for block in attachment.blocks)
        parts.append("</section>")
    imprint = [
        f"<p><span>{_text(left)}</span><span>{_text(right)}</span></p>"
        for left, right in notice.imprint_lines()
    ]
    if imprint:
        parts.append(f'<footer class="imprint">{"".join(imprint)}</footer>')
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_notice_html(notice: Notice, path: Path) -> Path:
    try:
        path.write_text(render_notice_html(notice), encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"{path}：{CANNOT_WRITE}") from exc
    return path
