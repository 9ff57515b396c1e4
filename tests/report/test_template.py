"""The notice template: its directives, placeholders and filters, and the errors that name the
line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceping.errors import ReportError
from ceping.report import build_notice, load_template, parse_template
from ceping.report.template import shipped_template_path
from ceping.scoring.results import CampaignResults

HEAD = "::title 测试通报\n"


def _fill(results: CampaignResults, body: str, texts: dict[str, str] | None = None) -> list[str]:
    notice = build_notice(results, parse_template(HEAD + body, "t.txt"), [], texts)
    return [b.lead + b.text for b in notice.body]


def test_placeholders_and_filters(results: CampaignResults) -> None:
    body = """\
{{good_rate A1 区县网站}}|{{good_rate A1 区县网站|value}}|{{full_marks A1 部门网站}}|\
{{good_rate B 区县网站|round(0)}}
{{info_submitted|wan}}|{{public_count|wan}}|{{expert_count}}
{{convenient_rate C 区县网站|change}}|{{adoption_rate|change(上年, 增加)}}|\
{{adoption_rate|previous}}
{{graded 优秀}}|{{graded 良好 区县}}|{{units 管委会}}|{{label 市政府部门}}|\
{{leaves D}}|{{indicator B}}
{{units 部门网站}}|{{graded 优秀 部门网站}}|{{label 部门网站}}|{{grade_count:优秀 市政府部门}}
{{year}}|{{campaign}}|{{issuer}}
"""
    lines = _fill(results, body, {"issuer": "某办公厅"})
    assert lines == [
        "91.9%|91.9|19|73%",
        "12.7万|1万|96",
        "比去年上升8个百分点|比上年增加4个百分点|81.4%",
        "28|8|7|市政府部门网站|10|门户网站内容保障工作",
        "69|22|部门网站|22",
        "2012|2012年度上海市政府网站测评|某办公厅",
    ]


def test_headings_are_recognised_by_their_numbering(results: CampaignResults) -> None:
    notice = build_notice(
        results, parse_template(HEAD + "一、甲\n（二）乙。丙\n（三）丁\n戊", "t"), []
    )
    assert [(b.kind, b.lead, b.text) for b in notice.body] == [
        ("h1", "一、甲", ""),
        ("h2", "（二）乙。", "丙"),
        ("h2", "（三）丁", ""),
        ("para", "", "戊"),
    ]


def test_texts_override_settings_and_title_breaks(results: CampaignResults) -> None:
    template = parse_template(
        "::set who = 甲\n::title 关于{{who}}|的通报\n::signature {{who}}\n", "t"
    )
    notice = build_notice(results, template, [], {"who": "乙"})
    assert notice.title_lines == ("关于乙", "的通报") and notice.signature == "乙"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{good_rate A9 区县}}", r"t\.txt，第 2 行：good_rate：“A9” 既不是指标编号"),
        ("{{no_such_figure}}", r"第 2 行：计分结果中没有这个数字：“no_such_figure”"),
        ("{{good_rate A1 区县网站|round}}", r"第 2 行：应写成 round\(N\)"),
        ("{{good_rate A1 区县网站|bold}}", r"第 2 行：“\|”后面没有 “bold” 这一写法"),
        (
            "{{basic_satisfaction_rate D}}\n{{good_rate A1 部门网站|change}}",
            r"第 3 行：good_rate 没有上一年度的数字",
        ),
        ("{{graded 特等}}", r"第 2 行：应写成 \{\{graded 等次 类别"),
        ("{{units 乡镇}}", r"第 2 行：应写一个类别"),
        ("{{year", r"第 2 行：大括号不成对"),
        (
            "::signature x\n::attachment 附件\n::date y",
            r"第 4 行：::date 应写在第一个",
        ),
        ("::graded-list 乡镇=乡镇", r"第 2 行：::graded-list 中没有这个类别：“乡镇”"),
    ],
)
def test_errors_name_the_line(results: CampaignResults, body: str, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        _fill(results, body)


def test_template_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"t，第 2 行：没有 ::foot 这一指令"):
        parse_template("::title x\n::foot y\n", "t")
    with pytest.raises(ReportError, match="模板中没有 ::title"):
        parse_template("正文\n", "t")
    with pytest.raises(ReportError, match="应写成 ::set 名称 = 内容"):
        parse_template("::set x\n", "t")
    with pytest.raises(ReportError, match="不支持 Word 模板"):
        load_template(tmp_path / "notice.docx")
    with pytest.raises(ReportError, match="无法读取通报模板"):
        load_template(tmp_path / "missing.txt")


def test_the_framework_names_its_shipped_template(rebuilt: CampaignResults) -> None:
    assert rebuilt.framework.notice == "notice-shanghai-2012.txt"
    assert load_template(None).source == shipped_template_path().name == "notice-generic.txt"
    with pytest.raises(ReportError, match="没有内置的通报模板 none.txt"):
        load_template(None, "none.txt")
    template = load_template(None, rebuilt.framework.notice)
    assert template.settings == {
        "issuer": "上海市人民政府办公厅",
        "date": "2013年4月2日",
        "city": "上海市",
        "addressee": "各区、县人民政府，市政府各委、办、局",
    }


def test_the_notice_remembers_the_figures_it_prints(rebuilt: CampaignResults) -> None:
    """The rate chart (charts/rates.png) shows these, each beside last year's."""
    notice = build_notice(rebuilt, load_template(None, rebuilt.framework.notice), [])
    rates = [(s.key, s.area, s.category) for s in notice.statistics if s.unit == "%"]
    assert rates == [
        ("good_rate", "A1", "区县网站"),
        ("good_rate", "A1", "部门网站"),
        ("good_rate", "A2", "区县网站"),
        ("good_rate", "A2", "部门网站"),
        ("adoption_rate", None, None),
        ("good_rate", "B", "区县网站"),
        ("good_rate", "B", "部门网站"),
        ("convenient_rate", "C", "区县网站"),
        ("convenient_rate", "C", "部门网站"),
        ("basic_satisfaction_rate", "D", None),
    ]
    assert all(s.previous is not None for s in notice.statistics if s.unit == "%")
