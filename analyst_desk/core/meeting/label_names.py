"""Who a recogniser's labels are, when the header lists the people: "说话人B" answered "钟总…" to 说话人A, so
说话人A is 钟伟; "曹丽你周五前签下来" was answered "好的" by 说话人B, so 说话人B is 曹丽.

Only what the talk shows is taken: a label called two names, or a name two labels answer to, stays a label.
When every label but one is named and one listed person is left, that label is that person (as many labels
as people listed). The minutes then list each person once, under the name the header gives.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from analyst_desk.core.meeting.acts import ACK
from analyst_desk.core.meeting.roster import SPEAKER_LABEL, Roster

#: An answer in the first person or an acknowledgement: the one called is the one answering.
_ANSWER = re.compile(r"^(?:好的?|好嘞|行|可以|没问题|收到|明白|嗯|ok(?:ay)?|sure|will do|yes)|^[^，,。]{0,4}我(?!们)|\bI(?:'ll| will| can)\b"
                     r"|^[^，,。？?]{0,8}(?:没问题|可以|收到|明白|好的)[。！!]?$",  # "月底前没问题": the date echoed, then yes
                     re.IGNORECASE)


def _one(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ""


def _opening_call(text: str, roster: Roster) -> str:
    """"钟总上周新开户十二家…": a call that opens a reply, with no task after it (not "曹丽你…")."""
    for begin, end, _, names in roster.calls_in(text):
        if begin <= 1 and not re.match(r"[，,]?\s*(?:你|您|你们|\byou\b|please|can|could)", text[end:end + 6], re.IGNORECASE):
            return _one(names)
    return ""


def _called_to_act(text: str, roster: Roster) -> str:
    """"那两家代发的协议曹丽你这周五之前签下来": the one a task is given to by name."""
    for _, end, _, names in roster.calls_in(text):
        if re.match(r"[，,]?\s*(?:你|您|\byou\b|please|can you|could you)", text[end:end + 12], re.IGNORECASE):
            return _one(names)
    return ""


def name_the_labels(spoken: list, roster: Roster) -> dict[str, str]:
    """label → listed name for the recogniser labels of ``spoken`` (lines with a speaker) the talk identifies."""
    labels = [s for s in dict.fromkeys(line.speaker for line in spoken)
              if re.fullmatch(SPEAKER_LABEL, s) and not roster.resolve(s)]
    if not labels or not len(roster):
        return {}
    votes: dict[str, Counter] = defaultdict(Counter)
    # Nobody calls themselves: whoever a label's lines call by name ("尚总 外包…", "祁敏你把…") is not that label.
    not_them: dict[str, set[str]] = defaultdict(set)
    for line in spoken:
        if line.speaker in labels:
            not_them[line.speaker] |= {names[0] for _, _, _, names in roster.calls_in(line.text) if len(names) == 1}
    for before, line in zip(spoken, spoken[1:]):
        if before.speaker == line.speaker:
            continue
        answered = _opening_call(line.text, roster)
        if answered and before.speaker in labels:  # weaker: a reply may call the chair rather than the last speaker
            votes[before.speaker][answered] += 1
        called = _called_to_act(before.text, roster)
        if called and line.speaker in labels and (ACK.match(line.text + " ") or _ANSWER.search(line.text)):
            votes[line.speaker][called] += 2
    mapping: dict[str, str] = {}
    for label, counter in votes.items():
        counter = Counter({name: n for name, n in counter.items() if name not in not_them[label]})
        if not counter:
            continue
        ranked = counter.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            mapping[label] = ranked[0][0]
    taken = Counter(mapping.values())
    mapping = {label: name for label, name in mapping.items() if taken[name] == 1}
    if mapping and any(name in labels for name in mapping.values()):
        return {}
    left_labels = [label for label in labels if label not in mapping]
    left_people = [name for name in roster if name not in labels and name not in mapping.values()]
    if len(labels) != len(left_people) + len(mapping):
        return mapping  # not one label a person: who is left cannot be told apart
    while left_labels:  # the one label left is the one person left; a label that calls one of two left is the other
        fits = {label: [p for p in left_people if p not in not_them[label]] for label in left_labels}
        label = next((label for label in left_labels if len(fits[label]) == 1), None)
        if label is None:
            break
        mapping[label] = fits[label][0]
        left_labels.remove(label)
        left_people.remove(fits[label][0])
    return mapping
