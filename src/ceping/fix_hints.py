"""How a unit fixes each kind of finding: one short sentence in plain Chinese per kind.

Kept beside the vocabulary (same keys, DESIGN.md §5.1) and read by the unit's workspace, so
the webmaster who sees a finding also reads what to do about it. A test checks every kind of
the vocabulary has its sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

FIX_HINTS: Mapping[str, str] = MappingProxyType({
    "broken_link": "修改或删除所在页面上的这个链接；目标已迁移的，改为新地址，"
                   "或在原地址设置跳转。",
    "typo": "在内容管理系统中打开所在页面，把错误文字改为正确的写法后重新发布。",
    "stale_column": "按栏目的更新要求及时发布新信息；确已不再使用的栏目，"
                    "应整合或撤销，并从页面上移除入口。",
    "blank_column": "为空白栏目补充内容；暂无内容的栏目应撤销，并从导航和页面上移除入口。",
    "missing_feature": "在首页开设缺少的功能或栏目，并确保从首页可以直接找到。",
    "slow_page": "压缩页面上的大图片和脚本，启用缓存和压缩传输，必要时检查服务器和网络带宽。",
    "unreachable": "检查网站服务器、域名解析和网络线路，恢复访问后做好日常监测和故障预案。",
    "no_https": "为网站部署有效的HTTPS证书，让全站都能通过HTTPS访问。",
    "trap": "修正会无限生成新网址的页面（如日历、带会话标识的链接），或用 robots.txt 排除它们。",
    "stale_home": "首页应及时更新，定期发布本单位的动态和政务信息。",
    "unanswered_message": "尽快答复这条留言，并建立留言办理和答复的时限制度。",
    "slow_reply": "按规定时限答复留言，梳理办理流程，缩短答复用时。",
    "guide_incomplete": "按办事指南的要求补全所缺要素"
                        "（如办理依据、条件、材料、流程、时限、地点和电话）。",
    "script_challenge": "网站的安全防护要求先运行脚本才能访问，检查工具无法读取页面；"
                        "请为测评和监测的访问放行，或提供不需脚本验证的访问方式。",
    "missing_identifier": "在网站页面底部补上缺少的标识，并确保其链接和编号正确。",
    "no_https_redirect": "在服务器上设置：用HTTP访问时自动跳转到对应的HTTPS地址。",
    "no_hsts": "在HTTPS响应中加上HSTS响应头（Strict-Transport-Security），有效期不少于一年。",
    "weak_tls": "更换有效的证书，关闭TLS 1.2以下的旧协议和不安全的加密套件。",
    "mixed_content": "把HTTPS页面引用的资源地址改为HTTPS，或把资源放到本网站上。",
    "no_ipv6": "为网站配置IPv6地址（AAAA记录），并确认通过IPv6可以正常访问。",
    "hidden_link": "立即删除这个链接并检查页面模板和服务器是否被篡改，修补漏洞后修改管理密码。",
    "sensitive_word": "立即核实并删除或修改这段内容，同时检查内容发布的审核流程。",
    "no_viewport": "采用适配手机屏幕的页面设计，并在页面中声明 viewport。",
    "missing_alt": "为内容图片填写替代文字，说明图片的内容，方便视障人士使用读屏软件。",
    "no_accessible_mode": "为网站提供无障碍浏览功能（如读屏、放大、高对比度），并在首页设置入口。",
    "no_lang": "在页面的 html 标签上声明语言（中文页面为 lang=\"zh-CN\"）。",
})  # fmt: skip
GENERAL_HINT = "请核实这一问题，按测评要求整改后申请复查。"


def fix_hint(kind: str) -> str:
    """What to do about a finding of `kind`; a kind without its own sentence gets the general
    one (never nothing)."""
    return FIX_HINTS.get(kind, GENERAL_HINT)
