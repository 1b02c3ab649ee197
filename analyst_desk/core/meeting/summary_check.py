"""The summary checked against what the meeting decided, and key points that are not small talk.

The model writes the summary; it is flagged, like an unsupported figure, when a sentence
contradicts the transcript:

- a holiday on the wrong side ("沙龙在中秋节前" when the meeting put it 国庆节后, "before the holiday"
  when it was agreed after);
- a plan said to be agreed (决定/同意/定了/agreed/decided) that no decision of the minutes supports, or
  one the meeting left open.

Key points come from the rules: the decisions, then lines that report facts with figures — never
greetings, small talk or logistics ("人齐了吧？", "can you hear me", "链接发群里了").
"""

from __future__ import annotations

import re

from analyst_desk.core.meeting.detection import is_not_task, sentences_of
from analyst_desk.core.meeting.minutes import Item, Minutes
from analyst_desk.core.meeting.tracing import overlap
from analyst_desk.core.meeting.transcript import Transcript

_HOLIDAY_ZH = r"(?P<name>春节|过年|元旦|清明|五一|劳动节|端午|中秋|国庆|十一)?节?(?P<when>前|后|之前|之后|以前|以后)"
_HOLIDAY_EN = (r"(?P<when>before|after|ahead of|following)\s+(?:the\s+)?(?P<name>mid-autumn|national day|chinese new year|"
               r"lunar new year|spring festival|dragon boat|qingming|labou?r day|new year|holidays?)")
_NAMES = {"过年": "春节", "五一": "劳动节", "十一": "国庆", "mid-autumn": "中秋", "national day": "国庆", "chinese new year": "春节",
          "lunar new year": "春节", "spring festival": "春节", "dragon boat": "端午", "qingming": "清明", "labor day": "劳动节",
          "labour day": "劳动节", "new year": "元旦", "holiday": "", "holidays": ""}
_CLAIM = re.compile(r"决定|决议|同意|确定|定了|定在|定为|敲定|通过|批准|一致|\b(?:agreed|decided|approved|settled|confirmed)\b",
                    re.IGNORECASE)
_OPEN = re.compile(r"没定|未定|待定|再定|先不定|不定|再议|再说|下次再|放一放|\b(?:park|revisit|later|not decided|tbd)\b",
                   re.IGNORECASE)
_SMALL_TALK = re.compile(r"人齐了|都到了|到齐|开始吧|咱们开始|我们开始|休息好|周末|咖啡|吃饭了|能听到|听得到|听得见|声音|卡了|信号|"
                         r"链接|会议室|投屏|共享屏幕|谢谢大家|辛苦了|散会|到这里|大家好|早上好|下午好|欢迎|"
                         r"\b(?:thanks for (?:joining|making time)|can you hear|good (?:morning|afternoon)|welcome|"
                         r"we're all (?:on|here)|let's get started|are we all here|how was your weekend|bye)\b",
                         re.IGNORECASE)
_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+(?:万|亿|个|笔|家|起|%|成)")
KEY_POINTS = 5


def is_small_talk(text: str) -> bool:
    """A greeting, small talk or logistics line: never a key point, decision or task."""
    return bool(_SMALL_TALK.search(text)) and len(re.sub(r"\W", "", text)) <= 40


def _relations(text: str) -> list[tuple[str, str]]:
    """(holiday or "", "before"/"after") said in ``text``."""
    out = []
    for match in re.finditer(_HOLIDAY_ZH, text):
        if not (match.group("name") or match.group(0).startswith("节")):
            continue
        name = _NAMES.get(match.group("name") or "", match.group("name") or "")
        out.append((name, "before" if match.group("when") in {"前", "之前", "以前"} else "after"))
    for match in re.finditer(_HOLIDAY_EN, text, re.IGNORECASE):
        name = _NAMES.get(match.group("name").lower(), "")
        out.append((name, "before" if match.group("when").lower() in {"before", "ahead of"} else "after"))
    return out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.findall(r"[^。！？!?；;]+[。！？!?；;]?|[^.]+(?:\.(?=\s|$))?", text) if s.strip()]


def check_summary(minutes: Minutes, transcript: Transcript) -> list[str]:
    """Flags for summary sentences that contradict the transcript (see the module docstring)."""
    zh = minutes.language == "zh"
    agreed = [f"{d.text} {d.quote}" for d in minutes.decisions] + \
             [f"{a.task} {a.quote} {a.due.words if a.due else ''}" for a in minutes.action_items]
    # What each agreed item is about: its own words and the two lines before it (the topic it answers).
    topics = [(own, own + " " + _context(lines, transcript)) for own, lines in
              [(f"{d.text} {d.quote}", d.lines) for d in minutes.decisions] +
              [(f"{a.quote} {a.due.words if a.due else ''}", a.lines) for a in minutes.action_items]]
    flags: list[str] = []
    for sentence in _sentences(minutes.summary):
        said = _relations(sentence)
        if said:
            there = {r for own, about in topics if overlap(sentence, about, pairs=True) >= 0.2 for r in _relations(own)}
            for name, when in said:
                if there and all(w != when for _, w in there):
                    other = next(n for n, w in there if w != when)
                    flags.append(f"摘要说“{_words(name, when, True)}”，会上定的是“{_words(other, _flip(when), True)}”："
                                 f"{sentence}" if zh else
                                 f"The summary says “{_words(name, when, False)}”; the meeting agreed "
                                 f"“{_words(other, _flip(when), False)}”: {sentence}")
                    break
        if _CLAIM.search(sentence) and not _OPEN.search(sentence):
            backing = max((overlap(sentence, d, pairs=True) for d in agreed), default=0.0)
            left_open = max((overlap(sentence, q.text, pairs=True) for q in minutes.open_questions), default=0.0)
            if backing < 0.3 or left_open > backing:
                flags.append(f"摘要说已经定了，但会上没有这样的决定：{sentence}" if zh
                             else f"The summary says this was agreed, but no decision in the meeting says so: {sentence}")
    return flags


def _context(lines: list[int], transcript: Transcript) -> str:
    first = min(lines) if lines else 0
    return " ".join(transcript.line(n).text for n in range(first - 2, first) if transcript.line(n) is not None)


def _flip(when: str) -> str:
    return "after" if when == "before" else "before"


def _words(name: str, when: str, zh: bool) -> str:
    if zh:
        return f"{name or ''}节{'前' if when == 'before' else '后'}"
    return f"{when} {name or 'the holiday'}"


def rule_key_points(minutes: Minutes, transcript: Transcript) -> list[Item]:
    """Key points without the model: the decisions, then lines stating facts with figures; no small talk."""
    points: list[Item] = []
    for decision in minutes.decisions:
        points.append(Item(text=decision.text, lines=list(decision.lines)))
    used = {n for p in points for n in p.lines} | {n for a in minutes.action_items for n in a.lines}
    for line in transcript.speech:
        if len(points) >= KEY_POINTS:
            break
        if line.number in used or is_small_talk(line.text) or re.search(r"[？?]\s*$", line.text):
            continue
        if any(is_not_task(s) in {"agenda", "closing"} for s in sentences_of(line.text)[:1]):
            continue  # "今天过一下 3.1 的上线准备", "今天主要三个事…": what the meeting is about, not a point it made
        if _FIGURE.search(line.text) and len(line.text) >= 12:
            points.append(Item(text=line.text.strip(" 。"), lines=[line.number]))
    return points[:KEY_POINTS]
