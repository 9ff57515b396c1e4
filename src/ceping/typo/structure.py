"""Statistical guesses that the sentence's own structure explains (issue 19).

The statistical layer finds a character pair the model finds unlikely. Three
kinds of correct official prose look unlikely to a word model and are
explained by what stands around them, so a guess that changes such a
character is dropped:

* parallel coinages (排比、并列缩略) of three or more members: 还林还草还湿,
  尊商、重商、亲商, 边巡边改边治 — the guess touches the character the members
  share; a writer who coins such a series means each member. Two members are
  not enough: 建立建全, 检验检侧, 不拆不扣 are real typos (ODW train);
* the abbreviation characters of provincial-level divisions (各省级行政区简称,
  as listed by the Ministry of Civil Affairs' 行政区划 pages, e.g. 陇 for 甘肃,
  豫 for 河南, 黔 for 贵州): 兴陇,
  入豫, 陕电 are never "corrected" to 兴隆, 入狱, 闪电 (a guess of three or more
  characters, 豫北役 → 预备役, still is). Only the characters rare
  outside that use are listed; 吉, 黑, 宁, 青, 新, 京, 津 are common words;
* number units after a number (3亿辆, 5.66亿件, 五百亿级): 亿 after a numeral is
  never 一;
* 企 standing for 企业 (央企, 台企, 车企, 企稳, 个转企、企升规): a bound
  morpheme of official prose that ODW never shows typed for another
  character (0 of its train and test errors), so a two-character guess never
  changes it;
* the names of railways, roads and their sections, made of the first
  characters of the places they join (呼南高铁, 石衡沧港城际铁路, 武宜段,
  甬金衢上高速): a two-character guess on a character that begins a county-level
  or higher place name, followed within four characters by 高铁, 铁路, 城际,
  高速, 公路 or 段 with only such initials between, is part of such a name
  (佳快推进高速公路 stays a typo: 推, 进 begin no place name);
* the proper names of institutions (诚济医院, 博视眼科医院, 银保监分局): a
  two-character guess right before 医院, 卫生院, 分局, 支行, 分行, 学校, 中学,
  小学, 幼儿园, 大学, 学院 or 合作社 (医院 also after a specialty of up to two
  characters, 眼科医院) is part of the name, as before 公司 or 村 (filters.py).
  Only right before: 现右民办学校 and 卫护中小学生 are typos (ODW train).

And a near-miss of an official name is not one when only its first or last
character differs, the rest is a whole word and the changed character makes a
word with its neighbour: 生态环境不断改善 is not 生态环境部, 生态环境补偿 is
not 生态环境部偿. The text reads correctly as word + word. 市场监督管理居发布
is still a typo: 居发 is no word. (我们是人民政府 stays flagged: 们是 is no word.)

Classes of local prose (市/县/乡镇 pages; decision 0021):

* items of a list that share their last character (一统河、三统河和窝集河;
  水曲柳、色树、柳树、椴树): a guess that changes that character in one of them
  would break the list's own pattern. The changed character must end its item
  (an enumeration mark, 等, a number or the clause's end follows), and another
  item of the same clause (split at 、和及与或等 and numbers, within ，。；：
  and brackets) must end with it;
* firm names: a two-character guess that starts a name, i.e. follows a separator,
  a word such as 和 or 的, a place name or a place-name suffix, and is followed by
  an industry word and a firm's suffix (和谊兴矿业有限公司, 区中溢科技公司,
  屯成涛种植专业合作社). 江门市盈丰智能装杯有限公司 and 交通凯发投资集团 (ODW
  train) stay typos: no industry word follows 装杯, and 凯发 starts no name;
* names of rivers and scenic spots: a two-character guess that starts a name (as
  above, or after 于) right before 河, 江 or 湖 and a word of its course (右岸,
  流域, 支流 …), or before 峡谷 or 水库 (位于辉发河右岸, 的逸景大峡谷).

A wrong deduction is worse than a missed one: these rules only remove guesses.
"""

from __future__ import annotations

import re
from functools import cache

from ceping.typo.filters import changed_positions, name_spans
from ceping.typo.model import RULE_OFFICIAL, RULE_STATISTICAL, Typo
from ceping.typo.resources import lexicon, names

# 省级行政区简称 rare in other use; the full list is
# 京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台 with 陇黔滇 as second forms.
PROVINCE_ABBREVIATIONS = frozenset("沪渝冀豫辽湘皖鲁苏浙赣鄂桂晋蒙陕闽粤藏琼陇黔滇")
NUMERALS = frozenset("0123456789０１２３４５６７８９零一二三四五六七八九十百千万两")
UNITS = frozenset("亿万千百")
# Separators between members of a series: 尊商、重商、亲商.
SERIES_SEPARATORS = frozenset("、，,·")


def is_cjk(char: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= char <= "\u9fff"


MIN_SERIES = 3  # two members (建立建全, 检验检侧) are where real typos hide


def members(text: str, at: int, step: int) -> int:
    """How many times text[at] repeats every `step` characters going one way from `at`
    (a separator such as 、 may widen a step by one), counting text[at] itself."""
    char, count, k = text[at], 1, at
    sign = 1 if step > 0 else -1
    while True:
        near, wide = k + step, k + step + sign
        if 0 <= near < len(text) and text[near] == char:
            count, k = count + 1, near
        elif (
            0 <= wide < len(text)
            and text[wide] == char
            and SERIES_SEPARATORS & {text[k + sign], text[k + 2 * sign]}
        ):
            count, k = count + 1, wide
        else:
            return count


def in_series(text: str, at: int) -> bool:
    """True when text[at] is the shared character of a series of >= MIN_SERIES members
    (还林还草还湿, 控煤控油控气, 尊商、重商、亲商): each member is that character and one
    other, so the guess would break a parallel the writer built on purpose."""
    if not is_cjk(text[at]):
        return False
    return members(text, at, 2) + members(text, at, -2) - 1 >= MIN_SERIES


MIN_EDGE_REST = 4  # 人民政府, 生态环境: shorter rests are too often part of the error


def is_edge_near_miss(text: str, typo: Typo) -> bool:
    """True when an official-wording finding changes only its first or last character,
    the unchanged rest is a dictionary word of >= MIN_EDGE_REST characters, and the
    changed character makes a word with its neighbour outside the finding (不断, 补偿):
    the text reads right as word + word. 市场监督管理居发布 stays a typo."""
    if typo.rule != RULE_OFFICIAL or len(typo.text) != len(typo.suggestion):
        return False
    words = lexicon().words
    changed = [k for k, (a, b) in enumerate(zip(typo.text, typo.suggestion)) if a != b]
    if changed == [0]:
        rest, outside = typo.text[1:], text[max(0, typo.start - 1) : typo.start + 1]
    elif changed == [len(typo.text) - 1]:
        rest, outside = typo.text[:-1], text[typo.end - 1 : typo.end + 1]
    else:
        return False
    return len(rest) >= MIN_EDGE_REST and rest in words and outside in words


ABBREVIATED_MORPHEMES = frozenset("企")
ROUTE_WORDS = ("高铁", "铁路", "城际", "高速", "公路", "段")
ROUTE_REACH = 4  # 甬金衢上高速: four end-place characters before the route word
INSTITUTIONS = (
    "医院",
    "卫生院",
    "分局",
    "支行",
    "分行",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "大学",
    "学院",
    "合作社",
)
HOSPITAL_GAP = 2  # 博视|眼科|医院


@cache
def place_initials() -> frozenset[str]:
    """First characters of the shipped names of counties, cities and provinces (县, 市, 区,
    州, 盟, 旗, 省 and their short forms are in names(); townships are not counted, they
    would admit nearly every character)."""
    ends = ("县", "市", "区", "州", "盟", "旗", "省", "自治区")
    return frozenset(n[0] for n in names() if len(n) >= 3 and n.endswith(ends))


def in_route_name(text: str, typo: Typo, changed: list[int] | range) -> bool:
    """True when every changed character, and every character between it and a route word
    at most ROUTE_REACH characters on, begins a place name (呼南高铁, 武宜段, 甬金衢上高速).
    佳快推进高速公路 is still a typo: 推 and 进 begin no place name."""
    initials = place_initials()
    if not all(text[p] in initials for p in changed):
        return False
    after = max(changed) + 1
    for k in range(ROUTE_REACH):
        if text.startswith(ROUTE_WORDS, after + k):
            return True
        if text[after + k : after + k + 1] not in initials:
            return False
    return False


def before_institution(text: str, typo: Typo) -> bool:
    """True when an institution word follows the guess; 医院 may follow a specialty of up to
    HOSPITAL_GAP characters (博视|眼科|医院). Other words must follow at once: 现右民办学校
    and 卫护中小学生 are typos."""
    if text.startswith(INSTITUTIONS, typo.end):
        return True
    gap = text[typo.end : typo.end + HOSPITAL_GAP]
    return all(map(is_cjk, gap)) and any(
        text.startswith("医院", typo.end + k) for k in range(1, len(gap) + 1)
    )


# A clause ends at these; its items are split at the enumeration marks.
CLAUSE_MARKS = re.compile('[，,。；;：:！？!?“”"（）()\n]')
ITEM_MARKS = re.compile("以及|[、和及与或等0-9]+")


def shared_item_end(text: str, p: int) -> bool:
    """True when text[p] ends a list item and another item of the same clause ends with
    it too (窝集河 beside 哈泥河; 色树 among 柳树、椴树)."""
    char = text[p]
    if not is_cjk(char):
        return False
    lo = max((m.end() for m in CLAUSE_MARKS.finditer(text, 0, p)), default=0)
    hi = next((m.start() for m in CLAUSE_MARKS.finditer(text, p)), len(text))
    clause = text[lo:hi]
    ends = [m.start() + lo - 1 for m in ITEM_MARKS.finditer(clause)] + [hi - 1]
    if p not in ends:
        return False
    return any(q != p and q >= lo and text[q] == char for q in ends)


INDUSTRY_WORDS = (
    "矿业", "实业", "科技", "食品", "粮食", "种植", "养殖", "农业", "牧业", "农牧", "畜牧",
    "药业", "制药", "医药", "建材", "建筑", "旅游", "文化", "贸易", "商贸", "能源", "电力",
    "生物", "物流", "置业", "国际", "化工", "机械", "电子", "酒业", "木业", "林业", "果业",
    "茶业", "米业",
)  # fmt: skip
FIRM_SUFFIXES = (
    "有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "专业合作社", "合作社",
    "旅行社", "专营店",
)  # fmt: skip
NAME_STARTS = frozenset("、，,：:（(“《和与及由的在是为于县市区镇乡村屯省州")
NAME_REACH = 8  # the longest place name looked for before a firm's name
GEO_COURSE = ("右岸", "左岸", "流域", "支流", "干流", "水系", "沿岸", "上游", "下游", "两岸")


def starts_name(text: str, start: int) -> bool:
    """True when a name may begin at `start`: after a separator, a linking word, a
    place-name suffix or a shipped name."""
    if start == 0 or not is_cjk(text[start - 1]) or text[start - 1] in NAME_STARTS:
        return True
    lo = max(0, start - NAME_REACH)
    return any(end == start - lo for _s, end in name_spans(text[lo:start]))


def in_firm_name(text: str, typo: Typo) -> bool:
    """True when a two-character guess starts a firm's name: an industry word and a firm's
    suffix follow it (谊兴|矿业|有限公司, 成涛|种植|专业合作社)."""
    rest = typo.end
    if not text.startswith(INDUSTRY_WORDS, rest):
        return False
    rest += 2
    if text.startswith(INDUSTRY_WORDS, rest):
        rest += 2
    return text.startswith(FIRM_SUFFIXES, rest) and starts_name(text, typo.start)


def before_geographic_word(text: str, typo: Typo) -> bool:
    """True when a guess that starts a name is followed by a river and a word of its course,
    or by a gorge or a reservoir (位于辉发|河右岸, 的逸景|大峡谷); 加快推近水库建设 stays a typo."""
    end = typo.end
    if text[end : end + 1] in ("河", "江", "湖") and text.startswith(GEO_COURSE, end + 1):
        return starts_name(text, typo.start)
    return text.startswith(("峡谷", "大峡谷", "水库"), end) and starts_name(text, typo.start)


def explained_by_structure(text: str, typo: Typo) -> bool:
    """True when a guess is explained by a series, a province's abbreviation, a number
    unit, 企, a route name, an institution's or a firm's name, a river or a list's shared
    ending around it, or is a near-miss of a name only at its edge."""
    if is_edge_near_miss(text, typo):
        return True
    if typo.rule != RULE_STATISTICAL:
        return False
    changed = list(changed_positions(typo))
    # A guess that restores a longer word (豫北役 → 预备役, ODW train) has more
    # evidence than a two-character one (兴陇 → 兴隆), so only the latter yields.
    if len(typo.text) <= 2 and any(text[p] in PROVINCE_ABBREVIATIONS for p in changed):
        return True
    if any(text[p] in UNITS and p > 0 and text[p - 1] in NUMERALS for p in changed):
        return True
    if len(typo.text) <= 2 and (
        any(text[p] in ABBREVIATED_MORPHEMES for p in changed)
        or in_route_name(text, typo, changed)
        or before_institution(text, typo)
        or in_firm_name(text, typo)
        or before_geographic_word(text, typo)
        or any(shared_item_end(text, p) for p in changed)
    ):
        return True
    return any(in_series(text, p) for p in range(typo.start, typo.end))


def drop_explained(text: str, typos: list[Typo]) -> list[Typo]:
    """The findings that no structure of the sentence explains."""
    return [t for t in typos if not explained_by_structure(text, t)]
