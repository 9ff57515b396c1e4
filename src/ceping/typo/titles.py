"""Layer 2: listed people with the wrong title, or a misspelt name beside the right title."""

from __future__ import annotations

from ceping.typo.model import RULE_TITLE, NameTitle, Typo
from ceping.typo.protect import HARD, is_reportable
from ceping.typo.resources import Lexicon, lexicon
from ceping.typo.scoring import confidence

# Titles a name is written with; longest first so 副市长 wins over 市长.
TITLES = tuple(
    sorted(
        [
            "主席",
            "副主席",
            "总理",
            "副总理",
            "国务委员",
            "书记",
            "副书记",
            "省长",
            "副省长",
            "市长",
            "副市长",
            "区长",
            "副区长",
            "县长",
            "副县长",
            "镇长",
            "副镇长",
            "乡长",
            "副乡长",
            "局长",
            "副局长",
            "主任",
            "副主任",
            "部长",
            "副部长",
            "厅长",
            "副厅长",
            "处长",
            "副处长",
            "科长",
            "副科长",
            "司长",
            "副司长",
            "署长",
            "副署长",
            "院长",
            "副院长",
            "检察长",
            "副检察长",
            "庭长",
            "所长",
            "校长",
            "副校长",
            "行长",
            "副行长",
            "秘书长",
            "副秘书长",
            "常委",
            "委员",
            "组长",
            "副组长",
            "巡视员",
            "调研员",
            "主委",
            "副主委",
            "董事长",
            "总经理",
            "主席团成员",
        ],
        key=len,
        reverse=True,
    )
)
TITLE_GAIN = 0.0  # a listed fact, not a guess: confidence is fixed high


def title_at(text: str, start: int, forward: bool) -> str:
    """The longest title that starts (forward) or ends (backward) at `start`, or ""."""
    for title in TITLES:
        if forward and text.startswith(title, start):
            return title
        if not forward and start >= len(title) and text.startswith(title, start - len(title)):
            return title
    return ""


def name_variants(name: str, lex: Lexicon) -> list[str]:
    """Misspellings of a name: one character replaced by a same-sound or similar-shape one."""
    out: list[str] = []
    for i, ch in enumerate(name):
        conf = lex.confusion.get(ch)
        if conf is not None:
            out.extend(name[:i] + alt + name[i + 1 :] for alt in conf.sound + conf.shape)
    return out


def occurrences(text: str, word: str) -> list[int]:
    """Start of every occurrence of `word` in `text`."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def find_titles(text: str, mask: bytearray, people: tuple[NameTitle, ...]) -> list[Typo]:
    """Wrong titles of listed people, and their misspelt names beside their right title."""
    found = []
    conf = confidence(RULE_TITLE, TITLE_GAIN)
    lex = lexicon()
    for person in people:
        for at in occurrences(text, person.name):
            end = at + len(person.name)
            after, before = title_at(text, end, True), title_at(text, at, False)
            for title, t_start in ((after, end), (before, at - len(before))):
                if not title or title == person.title:
                    continue
                if is_reportable(mask, t_start, t_start + len(title), HARD):
                    found.append(
                        Typo(t_start, t_start + len(title), title, person.title, conf, RULE_TITLE)
                    )
        for variant in name_variants(person.name, lex):
            for at in occurrences(text, variant):
                end = at + len(variant)
                beside = title_at(text, end, True) or title_at(text, at, False)
                if beside == person.title and is_reportable(mask, at, end, HARD):
                    found.append(Typo(at, end, variant, person.name, conf, RULE_TITLE))
    return found
