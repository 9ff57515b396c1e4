"""Words a government site uses for its sections, search, English version and empty lists."""

from __future__ import annotations

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

# Text an empty list page shows instead of items.
EMPTY_LIST_TEXTS = (
    "暂无信息",
    "暂无数据",
    "暂无内容",
    "暂无记录",
    "暂无相关信息",
    "没有记录",
    "无相关信息",
)
LIST_CONTAINER_HINTS = ("list", "news", "column", "lanmu", "lm", "xxgk", "article", "info")
