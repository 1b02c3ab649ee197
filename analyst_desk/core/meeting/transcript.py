"""Transcripts: read a file or pasted text into numbered lines with speakers and timestamps.

Every input (plain text in UTF-8 or GBK, Markdown, Word, SRT/VTT subtitles) is first turned into
plain transcript text, one utterance per line. That text is what the user sees and edits, and
line numbers in the minutes refer to it, so a decision's "line 9" is always the ninth line of
what is on screen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core.cjk import HAN
from analyst_desk.core.errors import InputFileError
from analyst_desk.core.meeting.label_names import name_the_labels
from analyst_desk.core.meeting.roster import SPEAKER_LABEL, SURNAMES, build_roster, split_header_names

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".srt", ".vtt"}

#: Header keys whose line is metadata, not a speaker ("时间：…" is not said by someone called 时间).
_META_KEYS = {
    "title": ["会议名称", "会议主题", "主题", "议题", "名称", "subject", "title", "meeting", "topic"],
    "date": ["时间", "日期", "会议时间", "会议日期", "录音时间", "通话时间", "沟通时间", "date", "time", "when", "date/time",
             "meeting date"],
    "attendees": ["参会人员", "参会人", "与会人员", "出席", "出席人员", "参加人员", "参会者", "参会", "与会者", "与会", "参加人",
                  "出席人", "人员", "参会人员名单", "出席者", "参与", "参与人", "参与人员", "参与者",
                  "通话人", "通话人员", "通话双方", "在场", "在场人员", "列席", "列席人员", "参加", "出席委员", "参会委员", "与会委员",
                  "出席领导", "参会领导", "委员", "attendees", "participants", "present", "attendance",
                  "in attendance", "invitees", "people", "on the call", "who"],
    "other": ["地点", "会议地点", "记录人", "记录", "主持人", "主持", "location", "place", "venue", "minutes by",
              "chair", "note taker", "host", "缺席", "absent", "抄送", "cc"],
}
_META_LOOKUP = {key.lower(): kind for kind, keys in _META_KEYS.items() for key in keys}

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_NAME = rf"{SPEAKER_LABEL}|[A-Za-z][\w.'\-]*(?: [A-Za-z][\w.'\-]*){{0,3}}|[{HAN}·]{{1,8}}"
_SPEAKER_PATTERNS = [
    # [10:02] 张经理：text   /  10:02 John Smith: text
    re.compile(rf"^\[?(?P<ts>{_CLOCK})\]?\s+(?P<name>{_NAME})\s*[:：]\s*(?P<text>.*)$"),
    # 00:02:10 发言人2 text (a recogniser's label after its time, no colon)
    re.compile(rf"^\[?(?P<ts>{_CLOCK})\]?\s+(?P<name>{SPEAKER_LABEL})\s*[:：]?\s*(?P<text>.+)$"),
    # 【李总】text   /  【李总】：text
    re.compile(r"^【(?P<name>[^】]{1,20})】\s*[:：]?\s*(?P<text>.*)$"),
    # John Smith 10:02: text   /  John Smith (10:02): text   /  张经理 10:02 text
    re.compile(rf"^(?P<name>{_NAME})\s*[(（]?(?P<ts>{_CLOCK})[)）]?\s*[:：]?\s*(?P<text>.*)$"),
    # 刘倩（风险部）：text  /  Omar Haddad (credit): text — the role in parentheses
    re.compile(rf"^(?P<name>{_NAME})\s*[(（](?P<role>[^（）()]{{1,24}})[)）]\s*[:：]\s*(?P<text>.*)$"),
    # 张经理：text  /  Speaker 2: text
    re.compile(rf"^(?P<name>{_NAME})\s*[:：]\s*(?P<text>.*)$"),
    # 发言人1 好我们开始吧 — a recogniser's label and a space, no colon and no time
    re.compile(rf"^(?P<name>{SPEAKER_LABEL})\s+(?P<text>\S.*)$"),
]
_LABEL_ONLY = re.compile(rf"^(?:(?P<name>{SPEAKER_LABEL})\s*[(（]?(?P<ts>{_CLOCK})?[)）]?"
                         rf"|(?P<name2>[{HAN}·]{{2,6}}|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}})\s*[(（]?(?P<ts2>{_CLOCK})[)）]?)"
                         rf"\s*[:：]?$")
_TS_PREFIX = re.compile(rf"^\[(?P<ts>{_CLOCK})\]\s*(?P<text>.*)$")

_DATE_PATTERNS = [
    re.compile(r"(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(r"(?<!\d)(?P<y>20\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
]
_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
_EN_DATE = re.compile(r"(?P<mon>" + "|".join(m[:3] for m in _EN_MONTHS) + r")[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                      r"(?P<y>20\d{2})|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>" + "|".join(m[:3] for m in _EN_MONTHS)
                      + r")[a-z]*\.?,?\s+(?P<y2>20\d{2})", re.IGNORECASE)


@dataclass
class TranscriptLine:
    """One numbered line of the transcript as shown to the user."""

    number: int  # 1-based line number in the transcript text
    text: str  # what was said, without the speaker label and timestamp
    raw: str  # the whole line as written
    speaker: str = ""  # empty when unknown
    timestamp: str = ""  # "10:02" or "00:01:15" when the source had one
    meta: str = ""  # "title" | "date" | "attendees" | "other" for header lines


@dataclass
class Transcript:
    """A parsed transcript: its lines, who spoke, and what the header said."""

    text: str
    lines: list[TranscriptLine]
    title: str = ""
    date: dt.date | None = None
    #: People in the meeting: listed attendees first, then every speaker, each once (a ``Roster``: it also
    #: knows how each is called — 刘处, 小陈, Jenny).
    attendees: list[str] = field(default_factory=list)
    language: str = "zh"
    source_name: str = ""

    @property
    def speech(self) -> list[TranscriptLine]:
        """Lines someone said (not headers or blank lines)."""
        return [line for line in self.lines if line.text and not line.meta]

    def line(self, number: int) -> TranscriptLine | None:
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return None

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(line.speaker for line in self.lines if line.speaker and not line.meta))


# -- reading files --------------------------------------------------------------------------------
def read_transcript_text(path: Path) -> str:
    """The transcript text of a file, ready to show and edit. Raises ``InputFileError`` with a clear message."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(code="file.not_found", params={"name": path.name}, path=str(path), status="missing")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        from analyst_desk.core.meeting.transcription import AUDIO_SUFFIXES

        code = "transcript.is_audio" if suffix in AUDIO_SUFFIXES else "transcript.unsupported"
        raise InputFileError(code=code, params={"name": path.name, "kind": suffix or "—"}, path=str(path),
                             status="unsupported")
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError(code="file.empty", params={"name": path.name}, path=str(path), status="empty")
    if suffix == ".docx":
        text = _docx_text(path)
    else:
        from analyst_desk.core.library.loaders import decode_text

        text = decode_text(data, path.name)
        if suffix in {".srt", ".vtt"}:
            text = subtitles_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise InputFileError(code="file.no_text", params={"name": path.name}, path=str(path), status="empty")
    if _looks_binary(text):
        raise InputFileError(code="file.binary", params={"name": path.name}, path=str(path), status="unsupported")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f")
    return controls > max(3, len(sample) // 100) or sample.count("\ufffd") > len(sample) // 20 + 2


def _docx_text(path: Path) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputFileError(code="docx.damaged", params={"name": path.name}, path=str(path), status="corrupt") from exc
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:  # minutes templates often put the header in a table
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if len(cells) >= 2 and cells[0]:
                lines.append(f"{cells[0]}：{' '.join(dict.fromkeys(cells[1:]))}")
    return "\n".join(line for line in lines if line)


_SRT_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})[,.]\d{1,3}\s*-->")
_VTT_TIME = re.compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{2}):(?P<s>\d{2})\.\d{3}\s*-->")
_VTT_VOICE = re.compile(r"<v(?:\.[^ >]*)?\s+([^>]+)>")


def subtitles_to_text(text: str) -> str:
    """SRT/VTT cues as transcript lines: ``[00:01:15] Speaker: text``; cue numbers and styling dropped."""
    out: list[str] = []
    stamp = ""
    pending: list[str] = []

    def flush() -> None:
        if pending:
            said = " ".join(pending)
            voice = _VTT_VOICE.search(said)
            said = re.sub(r"<[^>]+>", "", said).strip()
            if voice:
                said = f"{voice.group(1).strip()}：{said}"
            if said:
                out.append(f"[{stamp}] {said}" if stamp else said)
        pending.clear()

    for raw in text.splitlines():
        line = raw.strip()
        match = _SRT_TIME.match(line) or _VTT_TIME.match(line)
        if match:
            flush()
            stamp = f"{int(match.group('h') or 0):02d}:{match.group('m')}:{match.group('s')}"
            continue
        if not line:
            flush()
            continue
        if line.isdigit() or line.upper().startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        pending.append(line)
    flush()
    return "\n".join(out)


# -- parsing --------------------------------------------------------------------------------------
def parse_transcript(text: str, *, source_name: str = "") -> Transcript:
    """Number the lines, find speakers, timestamps, the header's title, date and attendee list."""
    lines: list[TranscriptLine] = []
    listed: list[tuple[str, str]] = []
    title = ""
    date = None
    current_speaker = ""
    spoken_roles: dict[str, str] = {}
    listing = False
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        line = TranscriptLine(number=number, text=stripped, raw=raw)
        lines.append(line)
        if not stripped:
            listing = False  # the list of people ends at the first blank line
            continue
        item = re.match(r"^\s*(?:[-•*·–—]|\d{1,2}[.、)）])\s*(?P<who>[^:：]{1,40})$", stripped) if listing else None
        if item and number <= 24:
            line.meta, line.text = "attendees", item.group("who").strip()
            listed.extend(split_header_names(line.text))
            continue
        listing = False
        meta = _meta_line(stripped)
        if meta and number <= 12:
            kind, value = meta
            line.meta, line.text = kind, value
            if kind == "title" and not title:
                title = value
            elif kind == "date" and date is None:
                date = find_date(value)
            elif kind == "attendees":
                listed.extend(split_header_names(value))
                listing = not value  # "On the call:" with the people on the lines below, one a line
            elif kind == "other" and re.match(r"^[#*\s]*(?:记录人|记录|主持人|主持|minutes by|chair|note taker|host)\s*[:：]",
                                              stripped, re.IGNORECASE):
                listed.extend(split_header_names(value))  # the note taker and the chair are in the room
            continue
        stamp = _TS_PREFIX.match(stripped)
        body = stamp.group("text") if stamp else stripped
        body = re.sub(r"^(?:[-•*·–—]|\d{1,2}[.、)）])\s+", "", body)  # "- 严总：…" in notes written as a list
        line.timestamp = stamp.group("ts") if stamp else ""
        label = _LABEL_ONLY.match(body)
        name = (label.group("name") or label.group("name2") or "").strip() if label else ""
        if name and _plausible_name(name):
            # "说话人1 00:01:23" on a line of its own (ASR exports): the lines below are theirs
            current_speaker = name
            line.meta, line.text, line.timestamp = "label", "", label.group("ts") or label.group("ts2") or ""
            continue
        body = re.sub(r"^(?:\*\*|__)([^*_\n]{1,30}?)(?:\*\*|__)\s*", r"\1", body)  # "**王强**：…" in Markdown notes
        speaker = _speaker_of(body)
        if speaker:
            line.speaker, line.text = speaker[0], speaker[2]
            if speaker[3]:
                spoken_roles.setdefault(speaker[0], speaker[3])
            line.timestamp = line.timestamp or speaker[1]
            current_speaker = speaker[0]
        else:
            # A line without a label continues the last speaker's turn (wrapped paragraphs).
            line.text = body
            line.speaker = current_speaker
        if number <= 3 and not title and not line.speaker and len(stripped) <= 40 and not date:
            title = stripped
            line.meta = "title"
    if date is None:
        for line in lines[:8]:
            date = date or find_date(line.raw)
        date = date or find_date(source_name) or _date_without_year(lines[:8], source_name)
    _title_not_speaker(lines)
    if not title:
        title = next((line.text for line in lines if line.meta == "title"), "")
    if listed:  # "说话人A：…" under a header that names the people: the labels are those people when the talk shows who
        labels = name_the_labels([l for l in lines if l.speaker and not l.meta], build_roster(listed, []))
        for line in lines:
            line.speaker = labels.get(line.speaker, line.speaker)
    speakers = list(dict.fromkeys(l.speaker for l in lines if l.speaker and not l.meta))
    roster = build_roster(listed, speakers + ([] if listed else _addressed_names(lines, speakers)))
    for name, role in spoken_roles.items():  # "刘倩（风险部）：…": the role said with the label, when the header had none
        person = roster.person(roster.resolve(name) or name)
        if person is not None and not person.role:
            person.role = role
            roster.rebuild()
    for line in lines:  # "陈行：" speaks for 陈立新 of the header: one person, one name in the minutes
        if line.speaker and not line.meta:
            line.speaker = roster.resolve(line.speaker) or line.speaker
    attendees = roster
    return Transcript(text=text, lines=lines, title=title, date=date, attendees=attendees,
                      language=detect_language(text), source_name=source_name)


_VOCATIVE_ZH = re.compile(rf"^(?:那么?|好的?|对了?|另外)?[，,\s]*(?P<name>[{HAN}]{{2,3}}?)[，,]?\s*(?:你|您)")
_VOCATIVE_EN = re.compile(r"^(?:ok(?:ay)?|so|and|right)?[, ]*(?P<name>[A-Z][a-z]+),\s+(?:can|could|would|will|please|I need|"
                          r"you)\b", re.IGNORECASE)


def _addressed_names(lines: list[TranscriptLine], speakers: list[str]) -> list[str]:
    """With no attendee list, people spoken to by name ("李四，你周五前…") are in the room too."""
    out: list[str] = []
    for line in lines:
        if line.meta or not line.text:
            continue
        match = _VOCATIVE_ZH.match(line.text)
        if match and match.group("name")[0] in SURNAMES and not any(match.group("name") in s for s in speakers):
            out.append(match.group("name"))
            continue
        match = _VOCATIVE_EN.match(line.text)
        if match and match.group("name")[0].isupper() and not any(s.split()[0] == match.group("name") for s in speakers):
            out.append(match.group("name"))
    return list(dict.fromkeys(out))


def _title_not_speaker(lines: list[TranscriptLine]) -> None:
    """"电话沟通记录：与华泰包装的沟通" above the date and attendee lines is a title, not a speaker."""
    first = next((line for line in lines if line.text), None)
    if first is None or not first.speaker or first.meta:
        return
    header_after = any(line.meta in {"date", "attendees"} for line in lines[first.number:first.number + 4])
    again = any(line.speaker == first.speaker and line.raw.strip().startswith(first.speaker)
                for line in lines[first.number:])
    if not header_after or again:
        return
    label = first.speaker
    first.meta, first.text, first.speaker = "title", first.raw.strip(), ""
    for line in lines[first.number:]:
        if line.meta or not line.text:
            continue  # the header and blank lines under the title
        if line.speaker != label:
            break
        line.speaker = ""  # lines that only "continued" the title's label belong to nobody


_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _date_without_year(head: list[TranscriptLine], source_name: str) -> dt.date | None:
    """"时间：6月15日（周一）" under a title "2026年第二季度…": the year from the title or the file name, or the one
    year the weekday fits (this year or the next or last). None when nothing settles it."""
    for line in head:
        match = _MONTH_DAY.search(line.raw)
        if not match:
            continue
        month, day = int(match.group("m")), int(match.group("d"))
        years = [int(y) for line2 in head for y in re.findall(r"(20\d{2})\s*年", line2.raw)]
        years += [int(y) for y in re.findall(r"20\d{2}", source_name)]
        weekday = re.search(r"(?:周|星期|礼拜)([一二三四五六日天])", line.raw[match.end():match.end() + 8])
        candidates = years or ([dt.date.today().year + k for k in (0, -1, 1)] if weekday else [])
        for year in candidates:
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if not weekday or date.weekday() == _WEEKDAY[weekday.group(1)]:
                return date
    return None


def _meta_line(text: str) -> tuple[str, str] | None:
    match = re.match(r"^[#*\s]*([^:：]{1,16})\s*[:：]\s*(.*)$", text)
    if not match:
        return None
    key = re.sub(r"\s*[（(][^）)]*[)）]\s*", "", match.group(1)).strip().strip("*").lower()  # "Attendees (3)", "出席（4人）"
    kind = _META_LOOKUP.get(key) or _META_LOOKUP.get(re.sub(r"\s*(?:&|and|和|及)\s*", "/", key))  # "Date & time"
    return (kind, match.group(2).strip()) if kind else None


def _speaker_of(text: str) -> tuple[str, str, str, str] | None:
    """(speaker, timestamp, what was said, role in parentheses) when the line starts with a speaker label."""
    for pattern in _SPEAKER_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        name = match.group("name").strip()
        said = match.group("text").strip()
        groups = match.groupdict()
        if not said or not _plausible_name(name):
            continue
        return name, groups.get("ts") or "", said, (groups.get("role") or "").strip()
    return None


#: Labels in minutes that are not people: "ACTION: Sara — …", "Owner: …", "决议：…", "待办：…".
_NOT_SPEAKERS = re.compile(r"(?i)(?:action(?: items?)?|actions|owner|task|due|note|notes|decision|decisions|agenda|next steps?|"
                           r"follow[- ]?ups?|ai|todo|to do|risk|risks|issue|issues|update|status|summary|outcome|result|item|"
                           r"topic|open questions?|question|answer|q|a|re|fyi|ps|"
                           r"决议|决定|结论|议题|备注|事项|待办|行动项|责任人|完成时间|后续|会议结论|会议决定|说明|附件|问题|风险|"
                           # what both sides of a call settled, written up: "双方商定：…", "会议商定：…"
                           r"(?:双方|各方|会议|大家)(?:商定|约定|同意|确认|一致同意|议定|明确))")


def _plausible_name(name: str) -> bool:
    if re.fullmatch(SPEAKER_LABEL, name):
        return True
    if _NOT_SPEAKERS.fullmatch(name.strip()):
        return False
    if re.search(rf"[{HAN}]", name):
        # "另外，陈明负责…" has no colon; "结论：" is not a person. Names are short and have no function words.
        return len(name) <= 6 and not re.search(r"[的了是在和就都也要会我你他她们这那说]", name)
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() for w in words)


def split_names(value: str) -> list[str]:
    """"张经理、李总、王芳" or "John Smith, Mary Chen and Tom Baker" as a list of names."""
    value = re.sub(r"[（(][^）)]*[)）]", "", value)
    parts = re.split(r"\s*(?:[、,，;；/]|\band\b|以及|和|及)\s*", value)
    return [p.strip(" .。") for p in parts if p.strip(" .。") and len(p.strip()) <= 30]


def find_date(text: str) -> dt.date | None:
    """The first calendar date written in ``text`` (2026年3月4日, 2026-03-04, 20260304, March 4, 2026)."""
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                continue
    match = _EN_DATE.search(text)
    if match:
        month_name = (match.group("mon") or match.group("mon2")).lower()[:3]
        month = [m[:3] for m in _EN_MONTHS].index(month_name) + 1
        try:
            return dt.date(int(match.group("y") or match.group("y2")), month, int(match.group("d") or match.group("d2")))
        except ValueError:
            return None
    return None


def detect_language(text: str) -> str:
    """"zh" when a fair share of the letters are Chinese, else "en"."""
    sample = text[:20000]
    cjk = len(re.findall(rf"[{HAN}]", sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return "zh" if cjk and cjk * 3 >= latin else "en"
