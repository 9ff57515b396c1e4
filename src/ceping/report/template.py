"""The notice template: a UTF-8 text file of paragraphs, directives and placeholders
(docs/report.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ceping.errors import ReportError, at

GENERIC_TEMPLATE = "notice-generic.txt"  # fits any framework: names no category or indicator

# Paragraph kinds; headings are recognised by their numbering, as a reader does.
DIRECTIVES = frozenset(
    {
        "set",
        "title",
        "addressee",
        "signature",
        "date",
        "attachment",
        "graded-list",
        "charts",
        "note",
        # GB/T 9704-2012 版头 and 版记: issuing office's mark, document number, signer; copy-to,
        # printing office and date.
        "masthead",
        "number",
        "signer",
        "copy-to",
        "printed-by",
        "printed-on",
        # A paragraph the organizer writes (what no data of ours says): ::text NAME 说明
        "text",
    }
)
# The directives that set one element of the notice, not a paragraph.
SINGLE = frozenset(
    {"title", "addressee", "signature", "date", "masthead", "number", "signer", "copy-to",
     "printed-by", "printed-on"}
)  # fmt: skip
_TEXT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class Line:
    """One meaningful line of the template: its kind, its text, where it stands."""

    kind: str  # "para", "h1", "h2" or a directive name
    text: str
    number: int


@dataclass(frozen=True)
class Template:
    source: str  # file name, for messages
    settings: dict[str, str]  # ::set NAME = VALUE
    lines: tuple[Line, ...]

    def free_texts(self) -> list[tuple[str, str]]:
        """(name, what to write) of each paragraph the organizer fills in, in order."""
        found = (line.text.partition(" ") for line in self.lines if line.kind == "text")
        return [(name, about.strip()) for name, _, about in found]


def shipped_template_path(name: str = "") -> Path:
    """A shipped template by file name (a framework's `notice`); the generic one for ""."""
    path = Path(str(resources.files("ceping.report") / "templates" / (name or GENERIC_TEMPLATE)))
    if not path.is_file():
        raise ReportError(f"没有内置的通报模板 {name}")
    return path


def load_template(path: Path | None, framework_notice: str = "") -> Template:
    """Read and parse a template file; without one, the shipped template the framework names."""
    path = path or shipped_template_path(framework_notice)
    if path.suffix.lower() == ".docx":
        raise ReportError(f"{path}：不支持 Word 模板，请使用文本模板（写法见 docs/report.md）")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(
            f"{path}：无法读取通报模板（请检查文件是否存在、是否为 UTF-8 编码）"
        ) from exc
    return parse_template(text, source=path.name)


def parse_template(text: str, source: str = "<template>") -> Template:
    settings: dict[str, str] = {}
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("::"):
            name, _, rest = line[2:].partition(" ")
            rest = rest.strip()
            if name not in DIRECTIVES:
                known = "、".join(sorted(DIRECTIVES))
                raise ReportError(
                    f"{source}，{at(number)}：没有 ::{name} 这一指令（可用：{known}）"
                )
            if name == "set":
                key, eq, value = rest.partition("=")
                if not eq or not key.strip():
                    raise ReportError(f"{source}，{at(number)}：应写成 ::set 名称 = 内容")
                settings[key.strip()] = value.strip()
                continue
            if name == "text" and not _TEXT_NAME.match(rest.partition(" ")[0]):
                raise ReportError(
                    f"{source}，{at(number)}：应写成 ::text 名称 说明"
                    "（名称用小写字母、数字和下划线）"
                )
            lines.append(Line(name, rest, number))
        elif _H1.match(line):
            lines.append(Line("h1", line, number))
        elif _H2.match(line):
            lines.append(Line("h2", line, number))
        else:
            lines.append(Line("para", line, number))
    if not any(line.kind == "title" for line in lines):
        raise ReportError(f"{source}：模板中没有 ::title（标题）一行")
    return Template(source, settings, tuple(lines))
