"""A draft's amounts as a reader takes them in: "4.39亿元", not "438,919,222.84元" — and no leftovers of the model.

The app writes a fact as printed (so the checks can find it on its page), and a model copies the
digits it is given; a brief that says "最新的营业收入为438,919,222.84元" is read by counting digits.
A finished section's yuan amounts are rewritten with the one readable-amount helper the Ask pane and
the figure table use (:func:`analyst_desk.core.period_words.readable_amounts_in`), the checks made on
the text move with it, and the figure as printed is kept beside the section (``SectionDraft.amounts``)
for the editor to show on hover. The checks still hold: "4.39亿元" is a rounding of the printed figure
at the precision it is written, which is how figures are matched. A numbered item the model left empty
("6." alone on its line), a citation it began and never closed at the end ("["), the prompt's passage header
copied in front of a line ("…招股意向书,第 2 页:") and a sentence it says again (a loop, its last copy cut off
mid-word) are removed the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analyst_desk.core.drafting.verification import Flag
from analyst_desk.core.period_words import readable_amounts_in


def readable_phrase(text: str, language: str = "zh") -> str:
    """``text`` with each yuan amount in its readable unit ("下降至438,919,222.84元" → "下降至4.39亿元")."""
    return rewrite(text, language)[0]


#: What a small model leaves behind that no reader wants: a numbered item with nothing after it ("6." alone on
#: its line) and a citation it began and never closed at the end ("…项目的正常实施[27]。\n[").
_EMPTY_ITEM = re.compile(r"(?m)^[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.、．)）][ \t]*(?:\n|$)")
_DANGLING = re.compile(r"\s*\[\d{0,3}\s*$")
#: The prompt's own passage header copied in front of a line ("江南精密机械股份有限公司 · 招股意向书,第 2 页:本公司…",
#: "Annual report, page 12: …"), or just the colon after it (":公司2010年加强了…"): where the passage came from is
#: its citation's business, not the sentence's.
_SOURCE_HEADER = re.compile(r"(?m)^[ \t]*(?:[^\n:：。；;]{2,80}?(?:[,，]\s*第\s*\d{1,4}\s*页|,\s*page\s*\d{1,4})\s*)?[:：][ \t]*")


#: Citation markers and spacing, which do not make a repeated sentence a new one.
_NOT_WORDS = re.compile(r"\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\]|[\s。！？!?；;.,，]")
#: A repeat shorter than this (in characters, markers aside) may be a real refrain ("风险较低。").
_REPEAT_LENGTH = 12


def repeats(text: str) -> list[tuple[int, int]]:
    """Spans of sentences that say again what an earlier sentence of ``text`` said (a small model loops: the
    same 90-character sentence on the 股票市场 risk two and a half times), with the space before each; the last
    sentence counts when it is the start of an earlier one, cut off where the model ran out of words."""
    from analyst_desk.core.drafting.verification import sentences

    seen: list[str] = []
    spans = sentences(text)
    found = []
    for index, (start, end) in enumerate(spans):
        key = _NOT_WORDS.sub("", text[start:end])
        if len(key) >= _REPEAT_LENGTH:
            last = index == len(spans) - 1
            if key in seen or (last and any(earlier.startswith(key) for earlier in seen)):
                lead = len(text[:start]) - len(text[:start].rstrip())
                found.append((start - lead, end))
                continue
        seen.append(key)
    return found


def rewrite(text: str, language: str = "zh") -> tuple[str, list[tuple[int, int, int, int, str]]]:
    """``text`` with its amounts readable and its leftovers gone, and each change as (old start, old end, new
    start, new end, the amount as printed — "" for a leftover removed)."""
    edits = [(start, end, amount.text, amount.exact) for start, end, amount in readable_amounts_in(text, language)]
    edits += [(m.start(), m.end(), "", "") for pattern in (_EMPTY_ITEM, _DANGLING, _SOURCE_HEADER)
              for m in pattern.finditer(text)
              if m.end() > m.start()]
    edits += [(start, end, "", "") for start, end in repeats(text)]
    out, changes, position, shift = [], [], 0, 0
    for start, end, shown, exact in sorted(edits):
        if start < position:
            continue  # overlapping edits: the first one stands
        out.append(text[position:start])
        out.append(shown)
        new_start = start + shift
        changes.append((start, end, new_start, new_start + len(shown), exact))
        shift += len(shown) - (end - start)
        position = end
    out.append(text[position:])
    return "".join(out), changes


def moved(position: int, changes: list[tuple[int, int, int, int, str]], *, end: bool = False) -> int:
    """Where ``position`` of the old text is in the new one; inside a rewritten amount, the amount's start
    (or, for the ``end`` of a span, its end)."""
    shift = 0
    for old_start, old_end, new_start, new_end, _exact in changes:
        if position <= old_start:
            break
        if position < old_end:
            return new_end if end else new_start
        shift = new_end - old_end
    return position + shift


def readable_result(result, language: str = "zh") -> list[dict]:
    """Rewrite a finished generation's amounts in place (``result.text`` and its checks' spans and figures);
    returns the amounts as shown with the figure as printed ({"text": "4.39亿元", "exact": "438,919,222.84元"})."""
    text, changes = rewrite(result.text, language)
    if not changes:
        return []
    move_checks(result, text, changes, language)
    return [{"text": text[a:b], "exact": exact} for _s, _e, a, b, exact in changes if exact]


def move_checks(result, text: str, changes: list[tuple[int, int, int, int, str]], language: str = "zh", *,
                amounts: bool = True) -> None:
    """Set ``result.text`` to ``text`` (``result.text`` edited by ``changes``) and move its checks' spans with it;
    ``amounts``: the changes rewrote amounts (an uncited sentence's text is rewritten the same way), else the
    flag's text is read from the new text."""
    flags = []
    for flag in result.verification.flags:
        start, end = moved(flag.start, changes), moved(flag.end, changes, end=True)
        if end <= start:
            continue  # the flag was on a leftover that is gone
        shown = readable_phrase(flag.text, language) if flag.kind == "uncited_sentence" and amounts else text[start:end]
        params = dict(flag.params)
        if params.get("figure") == flag.text:
            params["figure"] = shown
        flags.append(Flag.of(flag.kind, shown, start, end, flag.code, **params) if flag.code
                     else replace(flag, start=start, end=end, text=shown))
    result.text = text
    result.verification.flags = flags
