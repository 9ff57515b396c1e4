"""`ceping monitor`: one round of the embedded loop, and the plan it keeps."""

from __future__ import annotations

from typing import Any

import pytest

from ceping.cli import main
from ceping.web.models import Campaign, MonitorPlan, MonitorSample
from tests.monitor.conftest import Flaky


def test_once_visits_home_and_key_pages_and_keeps_the_plan(
    watched: Campaign, flaky: tuple[Flaky, str], capsys: Any
) -> None:
    args = ["monitor", watched.name, "--once", "--allow-private", "--timeout", "2"]
    assert main([*args, "--interval", "1h", "--pages", "/xxgk/", "bsfw/"]) == 0
    out = capsys.readouterr().out
    assert "监测网站 2 个，每个网站访问首页和 2 个重点页面，每 3600 秒一轮" in out
    assert "一轮完成：记录 6 次访问" in out
    assert sorted(flaky[0].visits) == ["/", "/bsfw/", "/xxgk/"]
    assert MonitorSample.objects.filter(page="").count() == 2
    plan = MonitorPlan.objects.get(campaign=watched)
    assert (plan.interval_s, plan.pages, plan.allow_private) == (3600, ["/xxgk/", "bsfw/"], True)


def test_loopback_sites_are_not_visited_without_allow_private(
    watched: Campaign, flaky: tuple[Flaky, str]
) -> None:
    assert main(["monitor", watched.name, "--once"]) == 0
    assert flaky[0].visits == []
    errors = set(MonitorSample.objects.values_list("error", flat=True))
    assert len(errors) == 1 and errors.pop().startswith("address refused")


@pytest.mark.parametrize("interval", ["0m", "半小时"])
def test_a_bad_interval_is_refused_in_chinese(
    watched: Campaign, interval: str, capsys: Any
) -> None:
    with pytest.raises(SystemExit):
        main(["monitor", watched.name, "--interval", interval])
    assert "不是时间间隔" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--email", "webmaster.example.gov.cn", "不是电子邮箱地址"),
        ("--webhook", "ftp://hook.example/", "告警回调地址须以 http:// 或 https:// 开头"),
    ],
)
def test_a_bad_recipient_or_webhook_is_refused_before_anything_runs(
    watched: Campaign, option: str, value: str, message: str, capsys: Any
) -> None:
    assert main(["monitor", watched.name, "--once", option, value]) == 2
    assert message in capsys.readouterr().err
    assert not MonitorSample.objects.exists()


def test_the_command_prints_the_alert_of_a_site_gone_down(
    watched: Campaign, flaky: tuple[Flaky, str], capsys: Any
) -> None:
    flaky[0].mode = "down"
    args = ["monitor", watched.name, "--rounds", "3", "--interval", "1s", "--allow-private"]
    assert main([*args, "--timeout", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("告警：") == 1
    assert "告警：【网站无法访问】上海市黄浦区" in out


def test_distributed_hands_the_rounds_to_beat_and_stop_takes_them_back(
    watched: Campaign, capsys: Any
) -> None:
    assert main(["monitor", watched.name, "--distributed", "--interval", "15m"]) == 0
    plan = MonitorPlan.objects.get(campaign=watched)
    assert plan.next_round is not None and plan.interval_s == 900
    assert "已交给定时任务（ceping beat）和检测节点，每 900 秒一轮" in capsys.readouterr().out
    assert main(["monitor", watched.name, "--stop"]) == 0
    assert MonitorPlan.objects.get(campaign=watched).next_round is None
    assert "已停止定时监测" in capsys.readouterr().out
    assert not MonitorSample.objects.exists()  # nothing visited by the command itself
