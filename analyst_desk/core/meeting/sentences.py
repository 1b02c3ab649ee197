"""How a spoken line is cut into the sentences items are read from: at sentence ends, before 另外/然后 in an
unpunctuated turn, between a task and a decision or two owners said in one breath, and a request kept with its date."""

from __future__ import annotations

import datetime as dt
import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.dates import resolve_due
from analyst_desk.core.meeting.kinds import _ACTION_EN, _ACTION_ZH, _DECISION_ZH, _OPEN_EN, _OPEN_ZH, is_question
from analyst_desk.core.meeting.roster import SPEAKER_LABEL

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?|[^。！？!?；;]+$")


_EN_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"'])")


_TASK_AFTER_DECISION = re.compile(rf"(?<=\S{{4}})(?:{SPEAKER_LABEL})?你(?:们)?(?:把|来|去|负责|先|再)")


_RUN_ON = re.compile(r"(?<=[^\s，,。])(?=(?:然后|另外|还有就是|还有|同时|再一个|再就是|接下来)(?!的))")


def split_run_on(sentences: list[str]) -> list[str]:
    """A recogniser's turn with no punctuation ("…周二之前给发言人2另外营销活动的方案也是你来牵头…"): split before
    另外 / 然后 / 还有 when the sentence is long, so each task keeps its own owner and date."""
    out: list[str] = []
    for sentence in sentences:
        if len(sentence) < 30 or re.search(r"[，,；;]", sentence) or not re.search(rf"[{HAN}]", sentence):
            out.append(sentence)
            continue
        out.extend(p for p in _RUN_ON.split(sentence) if p.strip())
    return out


def sentences_of(text: str) -> list[str]:
    if re.search(rf"[{HAN}]", text):
        parts = [m.group(0).strip() for m in _SENTENCE.finditer(text)]
    else:
        parts = [p.strip() for p in _EN_SENTENCE.split(text)]
    return [p for p in parts if p and re.search(r"\w", p)]


_CLAUSE = re.compile(r"(?<=[，,])\s*")


def split_mixed(sentences: list[str], zh: bool) -> list[str]:
    """Split "这个下次再定，先请王芳测算一下" into its undecided part and its task part."""
    out: list[str] = []
    for sentence in sentences:
        if not (_OPEN_ZH if zh else _OPEN_EN).search(sentence):
            out.append(sentence)
            continue
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
        cut = next((i for i, c in enumerate(clauses) if i and (_ACTION_ZH if zh else _ACTION_EN).search(c)
                    and not (_OPEN_ZH if zh else _OPEN_EN).search(c)), None)
        if cut is None:
            out.append(sentence)
        else:
            out.extend(["".join(clauses[:cut]).rstrip("，, "), "".join(clauses[cut:])])
    return out


_REQUEST_Q = re.compile(r"\b(?:could|can|would|will) you\b|\bwould it be possible\b|\bis it possible\b|\bwould you mind\b|"
                        r"能不能|可不可以|你(?:能|可以)", re.IGNORECASE)


def join_request_and_date(sentences: list[str]) -> list[str]:
    """"Elena, could you take that? No rush, end of the month is fine." — the request and its date are one task."""
    out: list[str] = []
    for sentence in sentences:
        if out and is_question(out[-1]) and _REQUEST_Q.search(out[-1]) and not is_question(sentence) \
                and resolve_due(sentence, dt.date(2000, 1, 3)) is not None and len(sentence) <= 60:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


_HANDED = r"(?:交给|由)(?P<a>{name})|(?P<b>{name})(?:负责|牵头)"


def split_owners(sentences: list[str], attendees) -> list[str]:
    """"东区的督导交给邓超，北区的交给郝敬，各自11月5日前…" — one clause per person, each keeping the shared rest."""
    calls_in = getattr(attendees, "calls_in", None)
    if calls_in is None:
        return sentences
    out: list[str] = []
    for sentence in sentences:
        clauses = [c for c in re.split(r"(?<=[，,；;])", sentence) if c.strip()]
        handed = [i for i, c in enumerate(clauses)
                  if any(len(n) == 1 and re.search(r"(?:交给|由)\s*$", c[:b]) or (len(n) == 1 and re.match(r"(?:负责|牵头|配合|协助)", c[e:]))
                         for b, e, _, n in calls_in(c))]
        if len(handed) < 2 or len({tuple(calls_in(clauses[i])[0][3]) for i in handed}) < 2:
            out.append(sentence)
            continue
        shared = "".join(c for i, c in enumerate(clauses) if i not in handed)
        end = "。" if re.search(r"[。.!！]\s*$", sentence) else ""
        out.extend((clauses[i].rstrip("，,；;。.!！ ") + "，" + shared).rstrip("，,；;。.!！ ") + end for i in handed)
    return out


_DECIDED_EN = re.compile(r"\b(?:approved?|agreed|decided|let'?s go with|go ahead with)\b", re.IGNORECASE)


def split_decision_task(sentences: list[str], attendees=None) -> list[str]:
    """"那就按合同来同意提前还款你把还款计划表做出来下周三之前发我" (no punctuation), "就这么定：…，冯雅你配合Kevin出个
    方案": a decision, then a task for the one called."""
    calls_in = getattr(attendees, "calls_in", None)
    out: list[str] = []
    for sentence in sentences:
        match = _TASK_AFTER_DECISION.search(sentence) if _DECISION_ZH.search(sentence) else None
        cut = match.start() if match and _DECISION_ZH.search(sentence[:match.start()]) else None
        if cut is None and calls_in is not None and _DECISION_ZH.search(sentence):
            cut = next((b for b, e, _, names in calls_in(sentence) if b > 4 and re.search(r"[，,；;]\s*$", sentence[:b])
                        and len(names) == 1 and re.match(r"\s*[，,]?\s*(?:你|您)", sentence[e:])
                        and _DECISION_ZH.search(sentence[:b])), None)
        if cut is None and calls_in is not None and _DECIDED_EN.search(sentence):
            # "fine approved raj can you bring the delivery plan…": a recogniser's run-on, approval then a task
            cut = next((b for b, e, _, names in calls_in(sentence) if b > 4 and len(names) == 1
                        and re.match(r"\s*,?\s*(?:can you|could you|would you|will you|please)\b", sentence[e:], re.IGNORECASE)
                        and _DECIDED_EN.search(sentence[:b])), None)
        if cut is not None:
            out.extend([sentence[:cut].rstrip("，,；; "), sentence[cut:]])
        else:
            out.append(sentence)
    return out
