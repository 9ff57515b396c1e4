"""Official wording of the farm's pages: names, titles, body sentences, and the planted typos.

Every sentence is our own, in the register of government notices; the typos are common
misspellings of official words (one character wrong, the right form unambiguous).
"""

from __future__ import annotations

import random

PLACES = (
    "青山区", "临江县", "东湖市", "南溪县", "北塘区", "西岭县", "白沙市", "云岗区",
    "长桥县", "河口区", "石门县", "松原区", "金川县", "平湖区", "凤鸣县", "柳城区",
)  # fmt: skip

# Core sections (DESIGN §5.1 features) with the folder and the nav names CMSs give them.
SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "信息公开": ("zwgk", ("政务公开", "信息公开", "政府信息公开")),
    "网上办事": ("bsfw", ("政务服务", "网上办事", "办事服务")),
    "便民服务": ("bmfw", ("便民服务", "公共服务")),
    "政民互动": ("hdjl", ("政民互动", "互动交流")),
}
NEWS_SECTION = ("xwzx", "新闻中心")

# Column types and their staleness windows in days, as the national rules set them
# (全国政府网站普查评分表, 国办发〔2015〕15号 annex 2; 国办秘函〔2019〕19号; issue #15):
# 动态、要闻类 2 weeks, 通知公告、政策文件类 6 months, the other types "长期未更新" (180 days).
NEWS, NOTICE, POLICY, OTHER = "动态要闻", "通知公告", "政策文件", "其他"
WINDOW_DAYS = {NEWS: 14, NOTICE: 183, POLICY: 183, OTHER: 180}

# Columns (栏目): the section folder they belong to, their folder, name and type.
COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("xwzx", "ywdt", "要闻动态", NEWS),
    ("xwzx", "tzgg", "通知公告", NOTICE),
    ("zwgk", "zcwj", "政策文件", POLICY),
    ("bmfw", "jyfw", "教育服务", OTHER),
    ("xwzx", "bmdt", "部门动态", NEWS),
    ("zwgk", "rsxx", "人事信息", OTHER),  # 人事类: the general window
    ("bmfw", "shbz", "社会保障", OTHER),
    ("zwgk", "czxx", "财政信息", OTHER),
    ("xwzx", "jcdt", "基层动态", NEWS),
    ("zwgk", "ghjh", "规划计划", OTHER),  # 规划计划类: the general window
)

_SUBJECTS = (
    "安全生产", "冬季供暖", "防汛抗旱", "垃圾分类", "营商环境", "乡村振兴", "老旧小区改造",
    "义务教育招生", "医疗保障", "就业创业", "森林防火", "食品安全", "消防安全", "农田水利",
)  # fmt: skip
_TITLE_FORMS = (
    "关于开展{year}年度{s}专项检查的通知",
    "{place}召开{s}工作推进会",
    "关于做好{s}工作的通知",
    "{place}部署{s}重点任务",
    "关于印发{place}{s}实施方案的通知",
    "{place}{s}工作取得阶段性成效",
    "关于征求{s}有关意见的公告",
    "{s}工作情况通报",
)
_SENTENCES = (
    "为深入贯彻落实上级决策部署，进一步推动{s}工作落实落细，结合本地实际，制定本方案。",
    "各单位要提高政治站位，压实工作责任，确保各项措施落到实处。",
    "会议听取了有关部门关于{s}工作情况的汇报，研究部署了下一阶段重点任务。",
    "截至目前，全区已完成年度目标任务的百分之八十以上。",
    "请各单位于规定时间内报送工作总结，报送截止日期以通知为准。",
    "下一步，将持续加强统筹协调，及时总结推广经验做法。",
    "群众如有意见建议，可通过政务服务热线反映。",
    "本通知自印发之日起施行，由相关主管部门负责解释。",
)
# (wrong, right): one wrong character in an official word; planted in article bodies only.
TYPOS: tuple[tuple[str, str], ...] = (
    ("布署", "部署"),
    ("按排", "安排"),
    ("贯切", "贯彻"),
    ("再接再励", "再接再厉"),
    ("审枇", "审批"),
    ("迫不急待", "迫不及待"),
)
# A sentence for each typo's right form, written with the wrong one where a typo is planted.
_TYPO_CONTEXT = {
    "部署": "各部门要按照统一{w}，认真做好本次检查工作。",
    "安排": "请各单位统筹{w}人员力量，确保工作有序开展。",
    "贯彻": "要把{w}落实会议精神作为当前的重要任务。",
    "再接再厉": "希望各单位{w}，推动工作再上新台阶。",
    "审批": "进一步精简{w}环节，压缩办理时限。",
    "迫不及待": "不少群众{w}地前来咨询新政策。",
}

# The elements a service guide (办事指南) must state, with the labels real guides also use: the
# seven the national survey checks a guide for besides its name (中国政府网, 关于"办事指南"指标
# 的说明, 2015-06-10, https://www.gov.cn/wzpc/2015-06/10/content_2877092.htm; 事项名称 is the
# guide's own title), as scan/checks/guides.py reads them.
GUIDE_ELEMENTS: dict[str, tuple[str, ...]] = {
    "设定依据": ("设定依据", "法律依据"),
    "申请条件": ("申请条件", "受理条件"),
    "办理材料": ("办理材料", "申请材料"),
    "办理地点": ("办理地点", "受理地点"),
    "办理时间": ("办理时间", "受理时间"),
    "联系电话": ("联系电话", "咨询电话"),
    "办理流程": ("办理流程", "办理程序"),
}
# What guides often state beyond those; not required, so a guide without them is complete.
GUIDE_EXTRAS: dict[str, tuple[str, ...]] = {
    "办理时限": ("办理时限", "承诺时限"),
    "收费标准": ("收费标准", "是否收费"),
}
GUIDE_NAMES = (
    "个体工商户设立登记", "城乡居民基本养老保险参保登记", "二级建造师执业资格注册",
    "残疾人证办理", "道路货物运输经营许可", "取水许可", "餐饮服务食品经营许可",
)  # fmt: skip
GUIDE_VALUES = {
    "设定依据": "《中华人民共和国行政许可法》及有关规定",
    "申请条件": "申请人符合法定条件并提交齐全材料",
    "办理材料": "申请表原件一份；身份证明复印件一份",
    "办理流程": "申请、受理、审查、决定、送达",
    "办理时限": "法定时限二十个工作日，承诺时限五个工作日",
    "收费标准": "不收费",
    "办理地点": "区政务服务中心一楼综合窗口",
    "办理时间": "工作日上午九时至十二时，下午一时半至五时",
    "联系电话": "0571-12345678",
}

MESSAGE_SUBJECTS = (
    "关于小区门口道路积水的问题", "咨询新生儿医保办理流程", "反映夜间施工噪声扰民",
    "关于公交线路调整的建议", "咨询公积金提取条件", "反映农贸市场占道经营",
    "咨询失业保险金申领", "关于增设路口信号灯的建议", "反映老旧小区电梯加装进度",
)  # fmt: skip

# Hidden-link bait (暗链) as such links read; the targets are on the farm's outside host.
HIDDEN_BAIT = ("线上娱乐城", "体育投注平台", "真人棋牌", "彩票代购")


def title(rng: random.Random, place: str, year: int) -> str:
    form = rng.choice(_TITLE_FORMS)
    return form.format(place=place, s=rng.choice(_SUBJECTS), year=year)


def body(rng: random.Random, n: int) -> str:
    subject = rng.choice(_SUBJECTS)
    return "".join(f"<p>{rng.choice(_SENTENCES).format(s=subject)}</p>" for _ in range(n))


def typo_sentence(right: str, written: str) -> str:
    """The sentence made for `right`, with `written` (the typo, or the right form) in place."""
    return _TYPO_CONTEXT[right].format(w=written)
