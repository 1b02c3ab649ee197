"""Who is who: every way a person is called in a meeting, mapped to one attendee.

People are called by full name (刘振宇), surname and title (刘处, 宋总, 陈行, 王经理), given name
(振宇), 小刘 / 老刘 / 王姐 / 涛哥 / 婷婷, an English name the header gives (林嘉怡（Jenny，测试组）),
or by the role or department in the header's parentheses (运营主管, 审批部). A ``Roster`` is the list
of attendees, each once, that also knows these calls. A call that fits two people (小张 with 张磊
and 张蕾 in the room) resolves to nobody: it is reported as ambiguous, never guessed. A title can
tell two namesakes apart (刘处 is the 处长 when the other 刘 is a 总经理).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN

_HAN = re.compile(rf"[{HAN}]")
#: Common single-character surnames: a word that starts with none of them is rarely a person.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
                "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄"
                "聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
                "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇"
                "桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文", "夏侯",
                     "司徒", "司空", "端木", "南宫", "西门", "独孤", "呼延", "申屠", "轩辕", "钟离", "闻人", "赫连", "澹台",
                     "公羊", "淳于", "太史", "濮阳", "宗政", "百里", "万俟")
#: Title suffixes and the words in a role that make the title fit ("处" fits a 处长, "行" a 行长).
_TITLES = {"总": ("总经理", "副总", "总监", "总裁", "董事长", "负责人", "总"), "行": ("行长",), "行长": ("行长",),
           "副行长": ("副行长",), "副行": ("副行长",), "副总": ("副总",), "副处": ("副处长",), "副处长": ("副处长",),
           "副主任": ("副主任",), "副部长": ("副部长",),
           "处": ("处长",), "处长": ("处长",), "经理": ("经理",), "主任": ("主任",), "总监": ("总监",), "科": ("科长",),
           "科长": ("科长",), "部长": ("部长",), "老师": (), "律师": ("律师", "法务"), "会计": ("会计", "财务"), "工": ("工程师",), "董": ("董事",), "主管": ("主管",)}
_TITLE_SUFFIX = "|".join(sorted(_TITLES, key=len, reverse=True))
_KINSHIP = ("姐", "哥")
_HONORIFIC_EN = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+", re.IGNORECASE)
#: Speaker labels of a transcription: each is a person of its own.
#: A transcription's speaker label: 发言人1, 说话人 2, 讲话人A, Speaker 3, SPEAKER_01, Spk2, Speaker B.
SPEAKER_LABEL = (r"(?:[Ss]peaker|SPEAKER|[Ss]pk|SPK)[ _-]?(?:\d{1,2}|[A-Z])(?![A-Za-z])"
                 r"|(?:说话人|发言人|讲话人|发言者|说话者)\s*(?:\d{1,2}|[A-Za-z甲乙丙丁戊])")
_LABEL = re.compile(SPEAKER_LABEL)
#: Parenthesised words that describe a role, not a second name.
_ROLE_WORDS = re.compile(r"部|处|组|中心|室|岗|行长|经理|主管|总监|主任|委员|负责人|记录|主持|财务|董事|助理|专员|分析|"
                         r"律师|法务|客户|会计|出纳|柜员|风险|合规|审批|业务|营销|运营|科技|开发|测试|运维|DBA|\bof\b|"
                         r"manager|analyst|head|lead|director|officer|CFO|CEO|CTO|COO|chair|treasury|risk|legal|"
                         r"finance|credit|procurement|office|desk|underwriter|relationship|programme|vendor",
                         re.IGNORECASE)


def _is_chinese(text: str) -> bool:
    return bool(_HAN.search(text))


@dataclass
class Person:
    """One attendee: the name the minutes use, the role the header gives, and every way they are called."""

    name: str
    role: str = ""
    calls: set[str] = field(default_factory=set)
    surname: str = ""
    given: str = ""


def split_header_names(value: str) -> list[tuple[str, str]]:
    """"赵敏（团队负责人）、Kevin Zhao（赵凯，应用开发）" → [("赵敏", "团队负责人"), ("Kevin Zhao", "赵凯，应用开发")].

    Commas inside parentheses belong to the role; commas outside separate people.
    """
    out: list[tuple[str, str]] = []
    if ";" in value or "；" in value:  # "Sarah Lin, Head of Credit; Tom Walsh, Treasury": commas carry the role
        for part in re.split(r"\s*[;；]\s*", value):
            name, _, role = part.partition(",") if "(" not in part and "（" not in part else (part, "", "")
            out += [(n, r or role.strip()) for n, r in split_header_names(name)] if name.strip() else []
        return out
    depth, current, role = 0, "", ""
    for ch in value + "、":
        if ch in "(（":
            depth += 1
            if depth == 1:
                role += "，" if role else ""  # "袁博(Leo)（中间件组）": two groups, two parts of the role
                continue
        elif ch in ")）":
            depth -= 1
            if depth == 0:
                continue
        if depth:
            role += ch
            continue
        if ch in "、,，;；/":
            _add_split(out, current, role)
            current, role = "", ""
            continue
        current += ch
    return out


def _add_split(out: list[tuple[str, str]], name: str, role: str) -> None:
    dashed = re.match(r"^(.+?)\s+[-–—]\s+(.+)$", name.strip())
    if dashed:  # "Sarah Lin – Head of Credit", "刘倩 - 风险部"
        name, role = dashed.group(1), ", ".join(x for x in (dashed.group(2), role) if x)
    for part in re.split(r"\s+(?:and|&)\s+|以及|及", name.strip(" .。")) if name.strip() else []:
        part = part.strip(" .。")
        if part and len(part) <= 30:
            out.append((part, role.strip()))
            role = ""


class Roster(list):
    """The attendees, each listed once, and how each is called. A plain ``list[str]`` of names to readers."""

    def __init__(self, people: list[Person] | None = None):
        self.people: list[Person] = []
        self._calls: dict[str, list[Person]] = {}
        super().__init__()
        for person in people or []:
            self._append(person)
        self.rebuild()

    # -- building ---------------------------------------------------------------------------------
    def _append(self, person: Person) -> None:
        self.people.append(person)
        list.append(self, person.name)

    def add(self, name: str, role: str = "") -> str:
        """Add a person unless ``name`` already calls one; returns the attendee's name."""
        name = name.strip()
        known = self.resolve(name)
        if known:
            person = self.person(known)
            if role and person is not None and not person.role:
                person.role = role
                self.rebuild()
            return known
        if self.ambiguous(name):
            return ""  # "小张" when two 张 are listed: not a new person, not either of them
        self._append(_person(name, role))
        self.rebuild()
        return name

    def rebuild(self) -> None:
        self._calls = {}
        for person in self.people:
            person.calls = _calls_of(person)
            for call in person.calls:
                self._calls.setdefault(call.lower(), []).append(person)
        # Surname + title: every namesake is a candidate; the title picks among them when it can.
        for person in self.people:
            if not person.surname:
                continue
            for title in _TITLES:
                call = person.surname + title
                if person not in self._calls.get(call.lower(), []):
                    self._calls.setdefault(call.lower(), []).append(person)
        for call, people in list(self._calls.items()):
            if len(people) > 1:
                self._calls[call] = _by_title(call, people)

    # -- reading ----------------------------------------------------------------------------------
    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    def candidates(self, call: str) -> list[str]:
        """Every attendee ``call`` may mean."""
        call = call.strip(" ，,。.:：").lower()
        people = self._calls.get(call, [])
        if not people and call:
            people = self._department(call)
        if not people and re.fullmatch(r"[a-z]{3,}", call):  # "Sam" for Samantha, "Chris" for Christopher
            people = [p for p in self.people if not _is_chinese(p.name) and p.given.lower().startswith(call)]
        return [p.name for p in people]

    def resolve(self, call: str) -> str:
        """The one attendee ``call`` means, or "" (nobody, or more than one)."""
        found = self.candidates(call)
        return found[0] if len(found) == 1 else ""

    def ambiguous(self, call: str) -> list[str]:
        found = self.candidates(call)
        return found if len(found) > 1 else []

    def calls_in(self, text: str) -> list[tuple[int, int, str, list[str]]]:
        """(start, end, words, attendees they may mean) for every call in ``text``, longest first at each place."""
        hits: list[tuple[int, int, str, list[str]]] = []
        for call in sorted(self._all_calls(), key=len, reverse=True):
            if _is_chinese(call):
                pattern = re.escape(call)
            else:
                pattern = rf"(?<![A-Za-z]){re.escape(call)}(?![A-Za-z])"
            for match in re.finditer(pattern, text, flags=0 if _is_chinese(call) else re.IGNORECASE):
                if any(s < match.end() and match.start() < e for s, e, _, _ in hits):
                    continue
                names = self.candidates(call)
                if names:
                    hits.append((match.start(), match.end(), match.group(0), names))
        return sorted(hits)

    def _all_calls(self) -> list[str]:
        calls = set(self._calls)
        for person in self.people:  # short forms of English first names, when they fit one person
            given = person.given.lower()
            if not _is_chinese(person.name) and len(given) > 4:
                calls |= {given[:n] for n in range(3, len(given)) if len(self.candidates(given[:n])) == 1}
        for person in self.people:
            calls |= {c.lower() if not _is_chinese(c) else c for c in _department_calls(person.role)}
        return [c for c in calls if len(c) >= 2]

    def _department(self, call: str) -> list[Person]:
        if not re.search(r"(?:部|处|中心|组|室)$", call):
            return []
        members = [p for p in self.people if call.lower() in {c.lower() for c in _department_calls(p.role)}]
        # "审批部牵头" with its 总经理 and a clerk of it in the room: a department that leads is led by its head
        heads = [p for p in members if _SENIOR.search(p.role)]
        return heads if len(members) > 1 and len(heads) == 1 else members


def _person(name: str, role: str) -> Person:
    nickname = re.search(r"[\"“”']([A-Z][a-z]+)[\"“”']", name)
    if nickname:  # Robert "Bob" Hughes: one person, called Bob
        name = re.sub(r"\s*[\"“”'][A-Z][a-z]+[\"“”']\s*", " ", name).strip()
        role = ", ".join(x for x in (nickname.group(1), role) if x)
    org = re.fullmatch(rf"(\S+(?:\s+\S+){{0,2}}?)\s+([{HAN}]{{2,4}})", name)
    if org and _is_chinese(name):  # "鑫源集团 严总", "客户经理 黄志强": the company or job is a role, the last word the person
        name, role = org.group(2), "，".join(x for x in (org.group(1), role) if x)
    person = Person(name=name, role=role)
    if _is_chinese(name) and not _LABEL.fullmatch(name):
        bare = re.sub(rf"(?:{_TITLE_SUFFIX})$", "", name)
        surname_len = 2 if bare[:2] in COMPOUND_SURNAMES else 1
        person.surname = bare[:surname_len]
        person.given = bare[surname_len:] if bare != name or len(bare) > surname_len else ""
        if bare != name:  # "郑行长", "华总": the header gives only a surname and a title
            person.given = ""
    elif not _is_chinese(name):
        words = _HONORIFIC_EN.sub("", name).split()
        person.surname = ""
        person.given = words[0] if words else ""
    return person


def _calls_of(person: Person) -> set[str]:
    name = person.name
    calls = {name}
    if _LABEL.fullmatch(name):
        return {name, re.sub(r"\s+", "", name)}
    if _is_chinese(name):
        surname, given = person.surname, person.given
        if surname:
            calls |= {"小" + surname, "老" + surname, surname + "姐", surname + "哥"}
            if len(surname) == 2:
                calls.add(surname)  # 欧阳帅 is called 欧阳
        if len(given) == 2:
            calls |= {given, given[-1] + "哥", given[-1] + "姐", given[-1] * 2, "阿" + given[-1], "小" + given[-1]}
        elif len(given) == 1:
            calls |= {given * 2, given + "哥", given + "姐", given + "子", "阿" + given, "小" + given}  # 黄梅 is 小梅
    else:
        words = _HONORIFIC_EN.sub("", name).split()
        if words:
            calls.add(words[0])
        if _HONORIFIC_EN.match(name) and words:
            calls.add(words[-1])
    for part in re.split(r"[，,、;；/]", person.role):
        part = part.strip()
        if not part or _ROLE_WORDS.search(part):
            continue
        if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", part) or re.fullmatch(rf"[{HAN}]{{2,3}}", part):
            calls.add(part)  # a second name: "Jenny", "赵凯", "Bob"
            if re.fullmatch(r"[A-Z][a-z]+", part) and not _is_chinese(name) and len(name.split()) > 1:
                calls.add(f"{part} {name.split()[-1]}")  # "Bob Hughes" as a speaker label
            if _is_chinese(part) and len(part) == 3:
                calls.add(part[1:])
    for part in re.split(r"[，,、;；/]", person.role):
        part = part.strip()
        if part and _is_chinese(part) and re.search(r"主管|负责人|组长|秘书|记录人", part) and len(part) <= 6:
            calls.add(part)  # "运营主管": the one who holds the role
        if part and _is_chinese(part) and len(part) <= 6 and not re.search(r"部|处|中心|组|室", part):
            for function in _FUNCTIONS.findall(part):  # 孟凡（法务）: "法务牵头"; 戚美玲（会计结算）: "结算这边配合"
                calls |= {function + "这边", function + "那边"} | ({function} if function not in _COMMON_FUNCTIONS else set())
    return {c for c in calls if len(c) >= 2}


#: What a person does, written in the header's parentheses, and by which the room calls them.
#: Not 科技, 财务, 运营: "科技那边", "客户财务那边" name a department or a client's team more often than the one here.
_FUNCTIONS = re.compile(r"法务|合规|审计|结算|会计|出纳|运维|风控|风险")
#: Functions that are also everyday words ("风险可控", "合规风险"): called only as "风险这边", "合规那边".
_COMMON_FUNCTIONS = {"风险", "合规", "审计", "会计"}


def _department_calls(role: str) -> set[str]:
    """"授信审批部总经理" → {"授信审批部", "审批部"}; "风险管理处处长" → {"风险管理处", "风险处"}."""
    out: set[str] = set()
    for match in re.finditer(rf"([{HAN}]{{2,8}}?|[A-Za-z]{{2,6}})(部|处|中心|组|室)", role):
        unit, kind = match.group(1), match.group(2)
        unit = re.sub(r"^(?:分行|总行|支行)", "", unit)
        if len(unit) < 2:
            continue
        out.add(unit + kind)  # 清算组, SRE组: a team is called by its name too
        if kind in "组室" or not _is_chinese(unit):
            continue
        for size in (2, 4):
            if len(unit) > size:
                for part in (unit[-size:], unit[:size]):  # 授信审批部 → 审批部; 风险管理处 → 风险处
                    if part not in _GENERIC_UNITS:
                        out.add(part + kind)
    return out


_GENERIC_UNITS = {"管理", "业务", "公司", "综合", "分行", "总行"}


_SENIOR = re.compile(r"总经理|副总|总监|总裁|董事|行长|主任|部长|处长|负责人|高级|资深|首席|\bhead\b|\bdirector\b|\bchief\b", re.IGNORECASE)


def _by_title(call: str, people: list[Person]) -> list[Person]:
    """Namesakes called by a title: those whose role (or listed name) carries it, when that leaves fewer."""
    if call.startswith(("小", "老")):  # nobody calls the 总经理 小王: 小 is the junior namesake, 老 the senior one
        seniors = [p for p in people if _SENIOR.search(p.role)]
        pick = [p for p in people if p not in seniors] if call.startswith("小") else seniors
        return pick if pick and len(pick) < len(people) else people
    title = next((t for t in sorted(_TITLES, key=len, reverse=True) if call.endswith(t)), "")
    if not title or not _TITLES[title]:
        return people
    fitting = [p for p in people if any(w in p.role or w in p.name[1:] for w in _TITLES[title])]
    return fitting if fitting else people


def build_roster(listed: list[tuple[str, str]], speakers: list[str]) -> Roster:
    """Attendees from the header (with their parenthesised roles), then speakers who are not one of them."""
    roster = Roster()
    for name, role in listed:
        if not roster.resolve(name):
            roster._append(_person(name, role))
            roster.rebuild()
    for speaker in speakers:
        roster.add(speaker)
    return roster
