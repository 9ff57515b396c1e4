"""Importing the portal office's figures: rows checked and named, all or nothing, audited; page and
CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from ceping.campaign.portal import import_portal
from ceping.demo import units_path
from ceping.errors import ImportRowsError
from ceping.web.models import AuditEntry, Campaign, PortalStat, Unit
from tests.commands import run_ceping

pytestmark = pytest.mark.django_db
HEADER = "单位代码,报送信息数,采用信息数,收到纠错数,按时处理纠错数,领导信箱反馈案例数\n"
GOOD = HEADER + "QX01,1500,1300,20,19,12\nBM01,800,600,5,5,0\n"


def write(tmp_path: Path, text: str, name: str = "portal.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(campaign: Campaign, path: Path) -> list[str]:
    with pytest.raises(ImportRowsError) as caught:
        import_portal(campaign, path)
    return [str(p) for p in caught.value.problems]


def test_a_good_table_is_stored_and_a_second_import_updates(
    campaign: Campaign, tmp_path: Path, organizer: Any
) -> None:
    summary = import_portal(campaign, write(tmp_path, GOOD), who=organizer)
    assert (summary.created, summary.updated) == (2, 0)
    stat = PortalStat.objects.get(unit__code="QX01")
    assert (
        stat.submitted,
        stat.adopted,
        stat.corrections_received,
        stat.corrections_handled,
        stat.mailbox_cases,
    ) == (1500, 1300, 20, 19, 12)
    summary = import_portal(
        campaign, write(tmp_path, GOOD.replace("1500,1300", "1600,1300")), who=organizer
    )
    assert (summary.created, summary.updated) == (0, 2)
    entry = AuditEntry.objects.filter(action="import", field="submitted", old=1500).get()
    assert (entry.new, entry.who) == (1600, organizer)


def test_every_bad_row_is_named_and_nothing_is_stored(campaign: Campaign, tmp_path: Path) -> None:
    import_portal(campaign, write(tmp_path, GOOD))
    bad = HEADER + (
        "QX01,1500,1600,20,19,12\n"  # adopted > submitted
        "BM01,abc,1,5,6,-1\n"  # not a number, handled > received, negative
        "ZZ99,1,1,1,1,1\n"  # unknown unit
        "QX01,1,1,1,1,\n"
    )  # duplicate, empty
    assert problems(campaign, write(tmp_path, bad)) == [
        "portal.csv，第 2 行，采用信息数：采用信息数 1600 多于报送信息数 1500",
        "portal.csv，第 3 行，报送信息数：“abc” 不是大于或等于 0 的整数",
        "portal.csv，第 3 行，按时处理纠错数：按时处理纠错数 6 多于收到纠错数 5",
        "portal.csv，第 3 行，领导信箱反馈案例数：“-1” 不是大于或等于 0 的整数",
        "portal.csv，第 4 行，单位代码：本次测评没有这个单位：“ZZ99”",
        "portal.csv，第 5 行，领导信箱反馈案例数：未填写",
    ]
    assert PortalStat.objects.get(unit__code="QX01").adopted == 1300


def test_a_duplicate_unit_row_is_named(campaign: Campaign, tmp_path: Path) -> None:
    assert problems(campaign, write(tmp_path, GOOD + "QX01,1,1,1,1,1\n")) == [
        "portal.csv，第 4 行，单位代码：与第 2 行重复：“QX01”"
    ]
    assert not PortalStat.objects.exists()


def test_missing_column_is_named(campaign: Campaign, tmp_path: Path) -> None:
    text = "单位代码,报送信息数,采用信息数,收到纠错数,按时处理纠错数\nQX01,1,1,1,1\n"
    assert problems(campaign, write(tmp_path, text)) == [
        "portal.csv，第 1 行，领导信箱反馈案例数：缺少这一列（表头中没有）"
    ]


def test_xlsx_is_read(campaign: Campaign, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(","))
    sheet.append(["QX02", 100, 90, 0, 0, 3])
    path = tmp_path / "门户考核.xlsx"
    book.save(path)
    import_portal(campaign, path)
    assert PortalStat.objects.get(unit__code="QX02").adopted == 90


def test_cli_portal_import(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_ceping(tmp_path, *args, timeout_s=180)

    assert run("migrate").returncode == 0
    assert run("units", "import", str(units_path())).returncode == 0
    assert run("campaign", "create", "2012年度上海市政府网站测评", "--year", "2012").returncode == 0
    table = write(tmp_path, HEADER + "QX01,1500,1300,20,19,12\n")
    done = run("portal", "import", "2012年度上海市政府网站测评", str(table))
    assert done.returncode == 0, done.stderr
    assert "新增 1 个单位" in done.stdout
    bad = run(
        "portal",
        "import",
        "2012年度上海市政府网站测评",
        str(write(tmp_path, HEADER + "QX01,1,2,0,0,0\n")),
    )
    assert bad.returncode == 2
    assert "portal.csv，第 2 行，采用信息数：采用信息数 2 多于报送信息数 1" in " ".join(
        bad.stderr.split()
    )
    missing = run("portal", "import", "no such campaign", str(table))
    assert missing.returncode == 2 and "没有名为“no such campaign”的测评活动" in missing.stderr


def test_units_used_here_exist(units: list[Unit]) -> None:
    assert Unit.objects.filter(code__in=["QX01", "BM01"]).count() == 2
