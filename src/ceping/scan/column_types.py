"""Column types (栏目类型) from a column's name and path, each judged by its own staleness window.

The national rules (全国政府网站普查评分表, 国办发〔2015〕15号 annex 2; 国办秘函〔2019〕19号)
name the types and their windows: 动态、要闻类 "本地要闻、部门动态、区县动态、工作进展" not
updated within 2 weeks; 通知公告、政策文件类 "通知、公告、政策、规范性文件" within 6 months;
人事、规划计划类 and the rest "应更新但长期未更新". The words below are those the rules and real
menus use for each type (TRS / JCMS / 集约化 menus: 工作动态 gzdt, 通知公告 tzgg, 政策文件 zcwj).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

NEWS = "动态要闻"
NOTICE = "通知公告"
POLICY = "政策文件"
PLAN = "规划计划"
PERSONNEL = "人事信息"
INTERACTION = "互动"
OTHER = "其他"
COLUMN_TYPES = (NEWS, NOTICE, POLICY, PLAN, PERSONNEL, INTERACTION, OTHER)

# First match wins, so the narrower types come first: "人事任免公示" is personnel before it is a
# notice, "工作计划" a plan before anything, "政策解读" policy before news ("解读" is not news).
_NAME_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        INTERACTION,
        # 新闻发布会 is a 互动交流 column in the rules, not news: it meets monthly, not daily.
        (
            *("互动", "留言", "信箱", "咨询", "投诉", "访谈", "征集", "调查", "问答", "信访"),
            *("回应", "发布会"),
        ),
    ),
    (PERSONNEL, ("人事", "任免", "任前公示", "招聘", "招录", "招考", "干部")),
    (PLAN, ("规划", "计划", "年度报告", "工作要点")),
    (POLICY, ("政策", "文件", "法规", "规章", "政府令", "决定", "条例", "办法")),
    (NOTICE, ("通知", "公告", "公示", "通告", "公报")),
    (NEWS, ("动态", "要闻", "新闻", "头条", "资讯", "快讯", "时政", "工作进展")),
)
# Folder names CMSs give these columns (pinyin initials or English), matched as whole segments.
_PATH_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    (INTERACTION, frozenset({"hdjl", "zmhd", "hd", "interact", "ldxx", "zxft", "myzj", "zxzx"})),
    (PERSONNEL, frozenset({"rsxx", "rsrm", "rs", "rsgl", "zkzp", "personnel"})),
    (PLAN, frozenset({"ghjh", "fzgh", "gh", "ghxx", "jhzj", "plan", "plans"})),
    (POLICY, frozenset({"zcwj", "zfwj", "wjfb", "zcfg", "gfxwj", "zc", "zcjd", "policy", "wj"})),
    (NOTICE, frozenset({"tzgg", "gsgg", "gggs", "tz", "gg", "tzgs", "notice", "notices"})),
    (
        NEWS,
        frozenset({"xwdt", "gzdt", "zwdt", "ywdt", "bmdt", "qxdt", "jryw", "xwzx", "news"}),
    ),
)
# Lists that are no column to keep up: search results, and special topics (专题), which the rules
# leave out ("历史性工作专题栏目除外"): a topic closed years ago is rightly old.
_NOT_COLUMN_WORDS = ("专题", "专栏", "搜索", "检索", "查询结果")
_NOT_COLUMN_FOLDERS = frozenset({"ztzl", "zt", "ztlm", "special", "search", "sousuo", "jsearch"})
_SEARCH_PARAMS = frozenset({"q", "query", "keyword", "keywords", "searchword", "wd", "kw"})
# Words a link shows that name no column: "更多>>", "查看更多", "more".
_GENERIC = re.compile(r"^(?:更多|查看更多|详细|详情|more|>+|»+|\+)\W*$", re.IGNORECASE)
MAX_NAME_CHARS = 16


def is_no_column(names: list[str], url: str) -> bool:
    """A list the rules do not judge for freshness: a special topic or a search result."""
    if any(w in n for n in names for w in _NOT_COLUMN_WORDS if len(n) <= MAX_NAME_CHARS):
        return True
    parts = urlsplit(url)
    segments = unquote(parts.path).lower().split("/")
    # Whole segments: /search/, search.html, searchResult.jsp; never /research/.
    if _NOT_COLUMN_FOLDERS & set(segments) or any(s.startswith("search") for s in segments):
        return True
    params = {p.split("=", 1)[0].lower() for p in parts.query.split("&") if p}
    return bool(params & _SEARCH_PARAMS)


def type_of_name(name: str) -> str:
    """The type a column's name says, OTHER when it says none."""
    text = " ".join(name.split())
    if not text or len(text) > MAX_NAME_CHARS or _GENERIC.match(text):
        return OTHER
    for kind, words in _NAME_WORDS:
        if any(word in text for word in words):
            return kind
    return OTHER


def type_of_path(url: str) -> str:
    """The type the column's folders say (/zwgk/tzgg/index.html), OTHER when they say none."""
    parts = unquote(urlsplit(url).path).lower().split("/")
    folders = [p for p in parts[:-1] if p]
    for folder in reversed(folders):  # the column's own folder first, then its section's
        for kind, words in _PATH_WORDS:
            if folder in words:
                return kind
        named = type_of_name(folder)  # a folder named in Chinese: /通知公告/
        if named != OTHER:
            return named
    return OTHER


def column_type(names: list[str], url: str) -> str:
    """The type of a column from the names it is shown under (menus, breadcrumbs, its title),
    the most frequent type they name winning, then from its path."""
    votes: dict[str, int] = {}
    for name in names:
        kind = type_of_name(name)
        if kind != OTHER:
            votes[kind] = votes.get(kind, 0) + 1
    if votes:
        return max(votes, key=lambda k: (votes[k], -COLUMN_TYPES.index(k)))
    return type_of_path(url)


def title_names(title: str, home_title: str) -> list[str]:
    """The parts of a page title that name the page, not the site ("通知公告_某市人民政府"):
    the site's own name (what the home page's title says) would type every column alike."""
    site_parts = {p for p in _title_parts(home_title)}
    return [p for p in _title_parts(title) if p not in site_parts]


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in re.split(r"[-_|—–·:：>＞»/]+", title) if p.strip()]
