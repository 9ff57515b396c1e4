"""Importing units: good tables load, every bad row is named, and nothing is half-stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceping.campaign.units import import_units
from ceping.demo import units_path
from ceping.errors import ImportRowsError
from ceping.framework import load_framework, shipped_framework_path
from ceping.web.models import Site, Unit

pytestmark = pytest.mark.django_db
FRAMEWORK = load_framework(shipped_framework_path("shanghai-2012"))

HEADER = "代码,名称,简称,类别,网站,外文版,联系人\n"
GOOD = HEADER + (
    "QX01,上海市黄浦区人民政府,黄浦区,区县,https://www.example-hp.gov.cn/,en,办公室\n"
    "BM01,上海市财政局,市财政局,市政府部门,https://czj.example.gov.cn/,,\n"
)


def write(tmp_path: Path, text: str, name: str = "units.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportRowsError) as caught:
        import_units(path, FRAMEWORK)
    return [str(p) for p in caught.value.problems]


def test_shipped_units_import_with_their_categories() -> None:
    summary = import_units(units_path(), FRAMEWORK)
    assert (summary.created, summary.updated) == (86, 0)
    counts = {
        c: Unit.objects.filter(category=c).count()
        for c in ("区县", "市政府部门", "管委会", "开发区（园区）")
    }
    assert counts == {"区县": 17, "市政府部门": 48, "管委会": 7, "开发区（园区）": 14}
    assert Site.objects.count() == 86
    assert Unit.objects.get(code="QX03").sites.get().languages == ["en", "ja", "fr", "es", "ko"]
    # The seed names every department it grades; each is in the table.
    assert (
        Unit.objects.filter(
            short_name__in=["市地税局", "市社团局", "市监狱局", "市政府外办"]
        ).count()
        == 4
    )


def test_import_again_updates_instead_of_duplicating(tmp_path: Path) -> None:
    import_units(write(tmp_path, GOOD), FRAMEWORK)
    summary = import_units(write(tmp_path, GOOD.replace("办公室", "信息中心")), FRAMEWORK)
    assert (summary.created, summary.updated) == (0, 2)
    assert Unit.objects.get(code="QX01").contact == "信息中心"


def test_gb18030_csv_is_read(tmp_path: Path) -> None:
    import_units(write(tmp_path, GOOD, encoding="gb18030"), FRAMEWORK)
    assert Unit.objects.get(code="BM01").name == "上海市财政局"


def test_missing_name_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("上海市财政局,", ","))
    assert problems(path) == ["units.csv，第 3 行，名称：未填写"]


def test_unknown_category_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace(",区县,", ",乡镇,"))
    assert problems(path) == [
        (
            "units.csv，第 2 行，类别：没有这个类别：“乡镇”"
            "（指标体系“上海市政府网站测评指标体系（2012年度）”的类别："
            "区县、市政府部门、管委会、开发区（园区））"
        )
    ]


def test_invalid_url_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("https://czj.example.gov.cn/", "czj example"))
    assert problems(path) == ["units.csv，第 3 行，网站：不是有效的网址：“czj example”"]


def test_duplicate_unit_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path, GOOD + "QX01,上海市黄浦区人民政府,黄浦,区县,https://other.example.gov.cn/,,\n"
    )
    assert problems(path) == [
        "units.csv，第 4 行，代码：与第 2 行重复：“QX01”",
        "units.csv，第 4 行，名称：与第 2 行重复：“上海市黄浦区人民政府”",
    ]


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "代码,名称,类别\nQX01,黄浦,区县\n")
    assert problems(path) == ["units.csv，第 1 行，网站：缺少这一列（表头中没有）"]


def test_bad_import_loses_nothing_stored(tmp_path: Path) -> None:
    import_units(write(tmp_path, GOOD), FRAMEWORK)
    bad = (
        GOOD.replace("办公室", "改过了")
        + "BM02,上海市公安局,市公安局,公安,https://ga.example.gov.cn/,,\n"
    )
    assert problems(write(tmp_path, bad)) == [
        (
            "units.csv，第 4 行，类别：没有这个类别：“公安”"
            "（指标体系“上海市政府网站测评指标体系（2012年度）”的类别："
            "区县、市政府部门、管委会、开发区（园区））"
        )
    ]
    assert Unit.objects.count() == 2
    assert Unit.objects.get(code="QX01").contact == "办公室"


def test_xlsx_rows_are_numbered_as_in_the_spreadsheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in (HEADER + "QX09,闵行区,闵行区,区县,not-a-url,,\n").splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "units.xlsx"
    book.save(path)
    assert problems(path) == ["units.xlsx，第 2 行，网站：不是有效的网址：“not-a-url”"]


def _help_text_columns() -> list[str]:
    """The columns the new-campaign page tells the organizer to put in the units table."""
    from ceping.web.forms.jobs import CampaignForm

    text = str(CampaignForm.base_fields["table"].help_text)
    listed = text.split("列：", 1)[1].split("（", 1)[0]
    return listed.split("、")


def test_a_table_headed_as_the_page_says_imports(tmp_path: Path) -> None:
    # The page said 单位代码、单位名称 … 网站地址 while only 代码、名称 … 网站 were read: a table
    # made as told was refused for missing columns.
    header = _help_text_columns()
    assert header == ["单位代码", "单位名称", "简称", "类别", "网站地址"]
    text = (
        ",".join(header)
        + "\nQX01,上海市黄浦区人民政府,黄浦区,区县,https://www.example-hp.gov.cn/\n"
    )
    summary = import_units(write(tmp_path, text), FRAMEWORK)
    assert summary.created == 1
    assert Unit.objects.get(code="QX01").sites.get().url == "https://www.example-hp.gov.cn/"


def test_a_header_that_is_no_site_column_is_still_missing(tmp_path: Path) -> None:
    text = "单位代码,单位名称,简称,类别,单位地址\nQX01,上海市黄浦区人民政府,黄浦区,区县,黄浦路1号\n"
    assert problems(write(tmp_path, text)) == ["units.csv，第 1 行，网站：缺少这一列（表头中没有）"]
    assert not Unit.objects.exists()
