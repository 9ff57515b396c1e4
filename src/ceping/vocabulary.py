"""Finding kinds: each key of the scan JSON with its one Chinese label and its evidence fields.

Every page, report, table and terminal view that names a finding reads it here, so the unit,
the organizer and the notice always use the same words. Keys are those of DESIGN.md §5.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

OTHER_KIND = "其他问题"  # a kind this version does not know (an older or newer scanner's)
OTHER_FIELD = "其他信息"
YES, NO = "是", "否"


@dataclass(frozen=True)
class Evidence:
    """A field a finding carries besides `kind`: its JSON name and how people read it."""

    field: str
    label: str


@dataclass(frozen=True)
class FindingKind:
    key: str  # as in the scan JSON
    label: str  # the one Chinese name, everywhere
    evidence: tuple[Evidence, ...]  # in the order a reader checks them

    def field_label(self, name: str) -> str | None:
        return next((e.label for e in self.evidence if e.field == name), None)


# A field reads the same in every kind unless the kind says otherwise (see _kind).
FIELD_LABELS: Mapping[str, str] = MappingProxyType({
    "page": "所在页面",
    "url": "链接地址",
    "status": "状态码",
    "error": "错误信息",
    "text": "错误文字",
    "suggestion": "建议改为",
    "context": "上下文",
    "confidence": "置信度",
    "suspect": "需人工确认",
    "page_count": "出现页面数",
    "other_pages": "其他出现页面",
    "latest": "最近更新",
    "days": "未更新天数",
    "ms": "打开用时（毫秒）",
    "ttfb_ms": "首字节用时（毫秒）",
    "feature": "缺少的功能",
    "probe": "检测地址",
    "reason": "判断依据",
    "pattern": "网址规律",
    "skipped": "已跳过网址数",
    "identifier": "缺少的标识",
    "posted": "留言日期",
    "replied": "答复日期",
    "missing": "缺少的要素",
    "protocol": "协议版本",
    "cipher": "加密套件",
    "resource": "链接类型",
    "subject": "证书持有者",
    "issuer": "证书签发者",
    "not_before": "证书生效时间",
    "not_after": "证书到期时间",
    "names": "证书适用域名",
    "header": "响应头内容",
    "address": "IPv6地址",
    "content": "内容类别",
    "keyword": "命中的关键词",
    "declared": "页面中的声明",
    "share": "缺少比例",
    "images": "内容图片数",
    "without_alt": "缺少替代文字的图片数",
    "examples": "其他示例",
    "column_type": "栏目类型",
    "window_days": "更新时限（天）",
    "window": "监测时段",
    "visits": "首页访问次数",
    "failures": "访问失败次数",
})  # fmt: skip


def _kind(key: str, label: str, *fields: str | tuple[str, str]) -> FindingKind:
    """A kind whose fields are names (common label) or (name, label) where the kind differs."""
    evidence = tuple(
        Evidence(f, FIELD_LABELS[f]) if isinstance(f, str) else Evidence(*f) for f in fields
    )
    return FindingKind(key, label, evidence)


_ALL = (
    # What `ceping scan` reports today (DESIGN.md §5.1 and the documented extras).
    _kind("broken_link", "错链断链", "page", "url", "resource", "status", "error"),
    _kind(
        "typo",
        "错别字",
        "page",
        "text",
        "suggestion",
        "context",
        "confidence",
        "suspect",
        "page_count",
        "other_pages",
    ),
    _kind(
        "stale_column",
        "栏目长期未更新",
        ("page", "栏目地址"),
        "latest",
        "days",
        "column_type",
        "window_days",
    ),
    _kind("blank_column", "空白栏目", ("page", "栏目地址")),
    _kind("missing_feature", "缺少必备功能或栏目", "feature", "probe", "error"),
    _kind("slow_page", "页面打开过慢", "page", "ms", "ttfb_ms"),
    _kind(
        "unreachable",
        "网站无法访问",
        ("page", "首页地址"),
        ("url", "网站地址"),
        "status",
        "error",
        # From monitoring: the week in which 5 % or more of the home page's visits failed.
        "window",
        "visits",
        "failures",
    ),
    _kind("no_https", "未启用HTTPS", ("page", "网站地址"), "error"),
    _kind("trap", "无限链接陷阱", "page", ("url", "示例网址"), "reason", "pattern", "skipped"),
    # Kinds a framework scores from monitoring, and the checks DESIGN.md §5.1 names for later.
    _kind("stale_home", "首页长期未更新", ("page", "首页地址"), "latest", "days"),
    _kind(
        "unanswered_message",
        "留言长期未回复",
        ("page", "留言页面"),
        "posted",
        ("days", "已等待天数"),
    ),
    _kind(
        "slow_reply",
        "留言答复不及时",
        ("page", "留言页面"),
        "posted",
        "replied",
        ("days", "答复用时（天）"),
    ),
    _kind("guide_incomplete", "办事指南要素不全", ("page", "办事指南页面"), "missing"),
    _kind("missing_identifier", "缺少网站必备标识", "page", "identifier", "reason"),
    _kind("no_https_redirect", "HTTP访问未跳转HTTPS", ("page", "HTTP地址"), "status"),
    _kind("no_hsts", "未启用HSTS", "page", "reason", ("header", "HSTS响应头")),
    _kind(
        "weak_tls",
        "TLS安全配置较弱",
        "page",
        "reason",
        "protocol",
        "cipher",
        "subject",
        "issuer",
        "not_before",
        "not_after",
        "names",
    ),
    _kind(
        "mixed_content",
        "HTTPS页面引用不安全资源",
        "page",
        ("url", "资源地址"),
        "resource",
        "content",
    ),
    _kind(
        "no_ipv6", "不支持IPv6访问", ("page", "网站地址"), "reason", "address", "status", "error"
    ),
    _kind("hidden_link", "疑似暗链", "page", "url", ("text", "链接文字"), "reason", "keyword"),
    _kind("sensitive_word", "含有敏感词", "page", ("text", "敏感词"), "context"),
    _kind("no_viewport", "未适配移动终端", "page", "declared"),
    _kind(
        "missing_alt",
        "图片缺少替代文字",
        "page",
        ("url", "图片地址"),
        "share",
        "images",
        "without_alt",
        "examples",
    ),
    _kind("no_accessible_mode", "未提供无障碍浏览", "page"),
    _kind("no_lang", "页面未声明语言", "page"),
    # A note that costs nothing: a first visit answered with a script (a WAF's cookie check)
    # that the scan could not pass, so the page was not checked (scan/challenge.py).
    _kind(
        "script_challenge",
        "需要脚本验证，未能检查",
        ("page", "未能检查的页面"),
        ("status", "应答状态码"),
        "page_count",
        ("other_pages", "其他未能检查的页面"),
    ),
)

KINDS: Mapping[str, FindingKind] = MappingProxyType({k.key: k for k in _ALL})
_ORDER = {key: i for i, key in enumerate(KINDS)}

# Field values that are keys themselves: what a missing feature, identifier or trap is called.
VALUE_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "feature": MappingProxyType({
        "search": "站内搜索", "english": "英文版",
        "信息公开": "信息公开", "网上办事": "网上办事",
        "便民服务": "便民服务", "政民互动": "政民互动",
        "message_list": "公开的留言及答复列表",
    }),
    "identifier": MappingProxyType({
        "site_code": "网站标识码", "icp": "ICP备案编号", "psb": "公安机关备案标识",
        "conac": "党政机关网站标识", "jiucuo": "政府网站找错",
    }),
    "reason": MappingProxyType({
        "calendar": "日历类网址无限延伸", "session_id": "网址带会话标识",
        "path_growth": "网址路径不断加深", "query_growth": "网址参数不断增长",
        "url_length": "网址过长",
        # Why a site's TLS is weak (scan/checks/tls.py).
        "old_protocol": "协议版本低于TLS 1.2", "accepts_old_protocol": "仍接受TLS 1.2以下的旧协议",
        "expired": "证书已过期", "not_yet_valid": "证书尚未生效",
        "self_signed": "自签名证书", "untrusted_chain": "证书链不完整或签发机构不受信任",
        "wrong_name": "证书与网站域名不符", "unverified": "证书未通过验证",
        # Why HSTS is not in force (scan/checks/hsts.py).
        "no_header": "未发送HSTS响应头", "max_age_zero": "HSTS有效期为0（max-age=0）",
        "no_max_age": "HSTS响应头缺少有效的max-age",
        # Why a site is not reachable over IPv6 (scan/checks/ipv6.py).
        "no_aaaa": "域名没有IPv6地址（AAAA记录）", "no_answer": "IPv6地址无应答",
        "error_status": "通过IPv6访问返回错误",
        # How a hidden link is hidden (scan/csshide.py), or why a visible one is suspect.
        "display_none": "所在区块被隐藏（display:none）",
        "visibility_hidden": "所在区块不可见（visibility:hidden）",
        "off_screen": "所在区块被移出屏幕",
        "text_indent": "文字被缩进到屏幕外",
        "zero_size": "所在区块尺寸为零",
        "font_size_zero": "字号为零",
        "same_colour": "文字颜色与背景相同",
        "marquee": "滚动区域高度为零",
        "keyword": "链接文字或地址含博彩、色情等关键词",
    }),
    # Mixed content (scan/checks/mixed.py): what a browser does with an http:// resource.
    "content": MappingProxyType({
        "active": "主动内容（脚本、样式表、框架等，浏览器会拦截）",
        "passive": "被动内容（图片、音视频，浏览器会警告或自动升级）",
    }),
    # What a broken link's target is to its page (scan/models.py, `resource`).
    "resource": MappingProxyType({
        "page": "页面链接", "frame": "框架页面", "download": "附件下载", "form": "表单提交地址",
        "image": "图片", "stylesheet": "样式表", "script": "脚本", "media": "音视频",
        "font": "字体", "object": "插件对象", "plugin": "插件安装地址", "other": "其他资源",
    }),
})  # fmt: skip

# What a reader sees go wrong when a link of each kind is broken: "图片无法显示".
BROKEN_RESOURCE_EFFECTS: Mapping[str, str] = MappingProxyType({
    "page": "页面无法打开", "frame": "框架页面无法打开", "download": "附件无法下载",
    "form": "表单无法提交", "image": "图片无法显示", "stylesheet": "样式表无法加载",
    "script": "脚本无法加载", "media": "音视频无法播放", "font": "字体无法加载",
    "object": "插件无法加载", "plugin": "缺少插件时无法安装", "other": "资源无法加载",
})  # fmt: skip


# The value a field has in findings stored before the scanner wrote it, as rules match them:
# every broken link was a page link before resources were checked.
FIELD_DEFAULTS: Mapping[tuple[str, str], str] = MappingProxyType(
    {("broken_link", "resource"): "page"}
)


def broken_effect(resource: object) -> str:
    """How a broken link of this kind shows to a reader; a finding without `resource` is a page
    link (scans before resources were checked)."""
    return BROKEN_RESOURCE_EFFECTS.get(str(resource or "page"), BROKEN_RESOURCE_EFFECTS["other"])


def label_of(kind: str) -> str:
    """The Chinese name of a finding kind; never the key, even for a kind we do not know."""
    known = KINDS.get(kind)
    return known.label if known is not None else OTHER_KIND


def order_of(kind: str) -> int:
    """Where a kind comes in lists of kinds: the vocabulary's order, unknown kinds last."""
    return _ORDER.get(kind, len(_ORDER))


def evidence_of(kind: str) -> tuple[Evidence, ...]:
    """The evidence fields of a kind, in reading order; none for an unknown kind."""
    known = KINDS.get(kind)
    return known.evidence if known is not None else ()


def field_label(kind: str, name: str) -> str:
    """How a field of a finding reads: the kind's own label, else the common one, else 其他信息."""
    known = KINDS.get(kind)
    own = known.field_label(name) if known is not None else None
    return own or FIELD_LABELS.get(name, OTHER_FIELD)


# Why a request got no HTTP answer, by the start of the scanner's reason (scan/fetch.py): the
# scan JSON keeps the reason as it is, people read it in these words.
ERROR_LABELS: tuple[tuple[str, str], ...] = (
    ("timeout", "请求超时"),
    ("DNS failure", "域名无法解析"),
    ("connection refused", "连接被拒绝"),
    ("connection failed: [SSL", "HTTPS连接失败（证书或加密协议有误）"),
    ("connection failed", "连接失败"),
    ("server disconnected", "服务器中断了连接"),
    ("incomplete response body", "响应内容不完整"),
    ("redirect loop", "重定向循环"),
    ("too many redirects", "重定向次数过多"),
    ("redirect to unusable location", "重定向到无法访问的地址"),
    ("address refused", "内网或本机地址，未检测"),
    ("disallowed by robots.txt", "网站的 robots.txt 禁止抓取"),
    ("malformed URL: no host", "链接地址格式错误（缺少域名）"),
    ("malformed URL: empty host", "链接地址格式错误（域名为空）"),
    ("malformed URL: bad port", "链接地址格式错误（端口无效）"),
    ("malformed URL: bad IPv6 address", "链接地址格式错误（IPv6地址无效）"),
    ("malformed URL: bad percent-encoding", "链接地址格式错误（百分号编码无效）"),
    ("malformed URL: illegal character in host", "链接地址格式错误（域名含非法字符）"),
    ("malformed URL: empty label in host", "链接地址格式错误（域名含空段）"),
    ("malformed URL: local file", "链接指向编写者本机上的文件，访问者无法打开"),
    ("malformed URL", "链接地址格式错误"),
)
OTHER_ERROR = "访问出错，未得到网站应答"


def error_text(reason: str) -> str:
    """A request's failure in plain words; an unforeseen library message is not shown."""
    if not any("a" <= c.lower() <= "z" for c in reason):
        return reason  # already in words people read (e.g. written by hand in sample data)
    for start, label in ERROR_LABELS:
        if reason.startswith(start):
            return label
    return OTHER_ERROR


def where_text(name: str, values: tuple[str, ...]) -> str:
    """A rule's `where` field as people read it: 动态要闻或通知公告; a list of all a field's
    values but a few reads by what it leaves out: 除插件安装地址外."""
    known = VALUE_LABELS.get(name, {})
    left_out = [v for v in known if v not in values]
    if known and set(values) <= set(known) and left_out and len(left_out) < len(values):
        return f"除{'、'.join(known[v] for v in left_out)}外"
    return "或".join(value_text(name, v) for v in values)


def value_text(name: str, value: object) -> str:
    """A field's value as people read it: keys such as `search` become their Chinese names."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):  # a few pages, addresses: one after another
        return " ".join(value_text(name, v) for v in value)
    text = str(value)
    if name == "error" and text:
        return error_text(text)
    return VALUE_LABELS.get(name, {}).get(text, text)


def evidence_fields(
    finding: Mapping[str, object], skip: tuple[str, ...] = ()
) -> list[tuple[str, str, str]]:
    """(field, label, value) of each evidence field a finding carries, empty ones left out.

    A known kind shows its own fields only; an unknown one every field, so nothing is hidden.
    """
    kind = str(finding.get("kind", ""))
    known = KINDS.get(kind)
    names = [e.field for e in known.evidence] if known is not None else sorted(finding)
    items = []
    for name in names:
        if name == "kind" or name in skip:
            continue
        text = value_text(name, finding.get(name))
        if text:
            items.append((name, field_label(kind, name), text))
    return items


def evidence_items(
    finding: Mapping[str, object], skip: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """(label, value) of each evidence field a finding carries (evidence_fields, unnamed)."""
    return [(label, text) for _, label, text in evidence_fields(finding, skip)]


# What a framework rule measures (framework.loader.MEASURES), as a score table names it.
# Rates are shares from 0 to 1 in the framework and are shown as percentages.
MEASURE_LABELS: Mapping[str, str] = MappingProxyType({
    "home_ms": "首页打开时间（毫秒）", "reachable": "网站可访问", "https": "提供HTTPS访问",
    "pages": "检测页面数", "search_works": "站内搜索可用", "english": "设有英文版",
    "favourable_rate": "好评率（前两档评价的占比）", "positive_rate": "首档评价的占比",
    "submitted": "报送信息数", "adopted": "采用信息数", "adoption_rate": "信息采用率",
    "corrections_handled_rate": "纠错按时处理率", "mailbox_cases": "领导信箱反馈案例数",
    "availability_rate": "监测可用率（首页访问成功的占比）",
    "monitor_median_ms": "监测首字节用时中位数（毫秒）",
    "monitor_p90_ms": "监测首字节用时90分位（毫秒）",
})  # fmt: skip
RATE_MEASURES = frozenset(m for m in MEASURE_LABELS if m.endswith("_rate"))

# Where an indicator's points come from (framework.Source values).
SOURCE_LABELS: Mapping[str, str] = MappingProxyType({
    "machine": "机器检测", "expert": "专家", "public": "公众", "portal": "门户考核", "self": "自查",
})  # fmt: skip


def measure_label(measure: str) -> str:
    return MEASURE_LABELS.get(measure, "其他指标值")


def measure_value(measure: str, value: float) -> str:
    """A threshold of a measure as people read it: rates in percent, the rest as numbers."""
    return f"{value * 100:g}%" if measure in RATE_MEASURES else f"{value:g}"
