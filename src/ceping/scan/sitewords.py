"""Words a government site uses for its sections, search, English version and empty lists."""

from __future__ import annotations

import re

# Core sections and the navigation wording that names them; first match in this order wins.
DEFAULT_SECTION_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("信息公开", ("信息公开", "政务公开", "政府信息公开", "公开目录", "信息公开目录", "政务信息")),
    (
        "网上办事",
        ("网上办事", "办事服务", "政务服务", "在线办事", "网上服务", "办事指南", "办事大厅"),
    ),
    ("便民服务", ("便民服务", "便民", "公共服务", "生活服务", "服务信息", "便民查询")),
    (
        "政民互动",
        (
            "政民互动",
            "互动交流",
            "公众参与",
            "领导信箱",
            "咨询投诉",
            "在线访谈",
            "网上信访",
            "互动",
            "民意征集",
            "留言板",
        ),
    ),
)

SECTIONS: tuple[str, ...] = tuple(name for name, _ in DEFAULT_SECTION_SYNONYMS)

SEARCH_WORDS = ("搜索", "检索", "search", "查询", "站内搜索", "全文检索")
SEARCH_FIELD_NAMES = (
    "q",
    "query",
    "keyword",
    "keywords",
    "kw",
    "wd",
    "searchword",
    "search",
    "key",
)

ENGLISH_WORDS = ("english", "英文", "英文版", "en")
ENGLISH_PATH_PARTS = ("/en/", "/english/", "/en.", "/eng/", "english")

# Text an empty list page shows instead of items (TRS, JCMS, 海云 and home-grown templates).
EMPTY_LIST_TEXTS = (
    "暂无信息",
    "暂无数据",
    "暂无内容",
    "暂无记录",
    "暂无文章",
    "暂无相关信息",
    "暂无相关内容",
    "暂无相关数据",
    "暂无相关记录",
    "暂无公开",
    "暂无新闻",
    "暂无通知",
    "暂未发布",
    "没有记录",
    "没有相关信息",
    "没有找到相关",
    "无相关信息",
    "无记录",
    "正在建设中",
    "栏目建设中",
    "页面建设中",
    "内容建设中",
    "敬请期待",
    "信息整理中",
    "正在更新中",
)
# Record counters a paged list prints under itself: "共0条", "记录数：0", "共 0 页 0 条".
EMPTY_COUNT = re.compile(
    r"共\s*0\s*条|记录数\s*[:：]\s*0(?!\d)|总记录数\s*[:：]?\s*0(?!\d)|共\s*0\s*篇|"
    r"共有\s*0\s*条|总数\s*[:：]\s*0(?!\d)|共\s*0\s*页"
)
LIST_CONTAINER_HINTS = ("list", "news", "column", "lanmu", "lm", "xxgk", "article", "info")
# An empty `div` is a list only when its name says so; "info" or "news" boxes are often decor.
LIST_DIV_HINTS = ("list", "liebiao", "pgcontainer", "lb_", "items")
# Header cells of a table of documents; such a table with no other row is an empty list.
TABLE_HEADER_WORDS = ("标题", "名称", "日期", "时间", "发布", "文号", "索引号", "序号", "来源")
# Text of an error page served with 200: never a column, whatever it shows.
NOT_FOUND_TEXTS = ("页面不存在", "页面未找到", "找不到页面", "您访问的页面", "404 Not Found")

# Pinned items (置顶) stay on top for years; they say nothing about whether a column is kept up.
PIN_CLASSES = frozenset({"top", "zd", "zhiding", "istop", "is-top", "settop", "sticky", "pinned"})
PIN_TEXT = re.compile(r"置顶|[\[【［]\s*顶\s*[\]】］]")
# The same said in more words: 暂无任何信息, 暂无相关公开信息, 暂时没有相关内容.
EMPTY_PHRASE = re.compile(
    r"暂无.{0,6}(?:信息|内容|数据|记录|文章)|暂时没有.{0,6}(?:信息|内容|数据|记录)"
)
