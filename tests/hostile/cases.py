"""Generated bad input files: what a careless user or an attacker hands to an import.

Every case is made here, from code, so the suite needs no fixture files and shows what it tries.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable

import openpyxl

UNITS_HEADER = "代码,名称,简称,类别,网站,外文版,联系人"
UNIT_ROW = "QX01,上海市黄浦区人民政府,黄浦区,区县,https://www.example-hp.gov.cn/,en,办公室"
PORTAL_HEADER = "单位代码,报送信息数,采用信息数,收到纠错数,按时处理纠错数,领导信箱反馈案例数"


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(archive: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The same zip with each member passed through `change` (None: dropped)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            data = change(item.filename, old.read(item))
            if data is not None:
                new.writestr(item.filename, data)
    return out.getvalue()


def _entity_bomb(name: str, data: bytes) -> bytes:
    if not name.endswith("sharedStrings.xml"):
        return data
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    head = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'.encode()
    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
    assert b"QX01" in body
    return head + body.replace(b"QX01", b"&i;", 1)


def _zip_bomb(name: str, data: bytes) -> bytes:
    # 300 MB of blanks in the shared strings: some 300 KB on disk.
    return data + b" " * 300_000_000 if name.endswith("sharedStrings.xml") else data


def _members_missing(name: str, data: bytes) -> bytes | None:
    return None if name.endswith("workbook.xml") else data


def units_xlsx_cases() -> dict[str, bytes]:
    good = xlsx([UNITS_HEADER.split(","), UNIT_ROW.split(",")])
    return {
        "not a zip": b"this is no spreadsheet",
        "empty": b"",
        "truncated": good[:700],
        "tail cut": good[:-40],
        "entity bomb": _rewrite(good, _entity_bomb),
        "zip bomb": _rewrite(good, _zip_bomb),
        "workbook part missing": _rewrite(good, _members_missing),
        "header only": xlsx([UNITS_HEADER.split(",")]),
        "wrong header": xlsx([["甲", "乙", "丙"], ["1", "2", "3"]]),
        "formula cells": xlsx([UNITS_HEADER.split(","), ["=1+1", "=HYPERLINK(\"x\")", "x", "区县",
                                                         "https://a.example.gov.cn/", "", ""]]),
        "ten thousand columns": xlsx([UNITS_HEADER.split(",") + [f"c{i}" for i in range(10_000)]]),
        "over-long code": xlsx([UNITS_HEADER.split(","),
                                ["Q" * 500, "黄浦区", "黄浦区", "区县", "https://a.example.gov.cn/",
                                 "", ""]]),
        "not a web address": xlsx([UNITS_HEADER.split(","),
                                   ["QX01", "黄浦区", "黄浦区", "区县", "javascript:alert(1)", "",
                                    ""]]),
    }  # fmt: skip


def units_csv_cases() -> dict[str, bytes]:
    return {
        "empty": b"",
        "UTF-16": codecs.BOM_UTF16_LE + (UNITS_HEADER + "\n" + UNIT_ROW).encode("utf-16-le"),
        "binary": bytes(range(256)) * 40,
        "NUL bytes": (UNITS_HEADER + "\n" + UNIT_ROW.replace("黄浦区", "黄\x00浦区")).encode(),
        "unclosed quote": (UNITS_HEADER + '\n"QX01,' + UNIT_ROW).encode(),
        "huge field": (UNITS_HEADER + "\n" + UNIT_ROW.replace("办公室", "办" * 200_000)).encode(),
        "duplicate codes": (UNITS_HEADER + "\n" + UNIT_ROW + "\n" + UNIT_ROW).encode(),
        "bidi and zero-width": (
            UNITS_HEADER + "\n" + UNIT_ROW.replace("黄浦区,区县", "黄\u202e浦\u200b区,区县")
        ).encode(),
    }  # fmt: skip


def portal_csv_cases() -> dict[str, bytes]:
    row = "QX01,{},10,3,3,1"
    return {
        f"figure {value}": (PORTAL_HEADER + "\n" + row.format(value)).encode()
        for value in ("1e20", "9223372036854775807", "-1", "1e400", "NaN", "3.5", "１２", "")
    }


def yaml_cases() -> dict[str, str]:
    laughs = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(7)
    )
    return {
        "alias bomb": laughs,
        "alias bomb as a key": laughs + "? *h\n: 1\n",
        "nested 100k deep": "[" * 100_000 + "]" * 100_000,
        "deep mapping": "".join(" " * i + "a:\n" for i in range(200)) + " " * 200 + "1\n",
        "not YAML": "name: [unclosed\n",
        "a list, not a framework": "- 1\n- 2\n",
        "a number": "42",
        "huge number": "name: x\ntotal: 1e999\n",
        "tabs": "name:\tx\n\ttotal: 1\n",
        "two megabytes": "# " + "x" * 2_000_000 + "\n",
        "binary": "\x00\x01\x02" * 100,
        "duplicate key": "name: a\nname: b\n",
    }
