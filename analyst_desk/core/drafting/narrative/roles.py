"""A question that names the wrong firm for a role — "保荐机构中信证券派了哪两位保荐代表人？" of a prospectus whose
sponsor is 中信建投证券 — answered with the firm the document names, quoted from its page; no model.

The roles are the offering's intermediaries a prospectus's cover and 本次发行概况 print as labelled fields
(保荐人, 主承销商, 会计师事务所, 律师事务所; a 10-K's auditor is signed on its report): the question pairs one of
them with a firm's name, and the document's field for that role names another firm.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.narrative.text import compact, split_sentences

log = logging.getLogger(__name__)

#: Field (a key of ``labelled_fields.FIELD_LABELS``) → how questions name the role, Chinese and English.
ROLES: dict[str, tuple[str, str, re.Pattern]] = {
    "保荐人": ("保荐机构", "sponsor", re.compile(r"保荐机构|保荐人|保荐券商|\bsponsor(?:ing institution)?\b", re.I)),
    "主承销商": ("主承销商", "lead underwriter", re.compile(r"主承销商|承销商|\b(?:lead )?underwriter\b", re.I)),
    "会计师事务所": ("审计机构", "auditor", re.compile(r"会计师事务所|审计机构|审计师|\bauditors?\b|\b(?:audit|accounting) firm\b",
                                                re.I)),
    "律师事务所": ("律师事务所", "law firm", re.compile(r"律师事务所|发行人律师|\blaw firm\b|\blegal counsel\b", re.I)),
}
#: A firm named in a question: "中信证券", "中信证券股份有限公司", "立信会计师事务所", "Ernst & Young LLP", "KPMG".
_FIRM_ZH = re.compile(rf"([{HAN}]{{2,10}}?(?:证券(?:股份|有限)?(?:有限)?(?:责任)?(?:公司)?|会计师事务所(?:（[^）]{{1,12}}）)?|"
                      rf"律师事务所|投资银行))")
_FIRM_EN = re.compile(r"\b((?:[A-Z][\w&'.-]*\s+){0,4}(?:LLP|LLC)|Ernst\s*&\s*Young|Deloitte(?:\s*&\s*Touche)?|"
                      r"PricewaterhouseCoopers|KPMG|Goldman Sachs|Morgan Stanley)\b")
_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司|（特殊普通合伙）|\(特殊普通合伙\)|LLP|LLC|&|\s|\.|,)", re.I)


def asked_role(question: str) -> tuple[str, str] | None:
    """(field, firm) when the question names a role and a firm for it, else None."""
    for name, (_, _, pattern) in ROLES.items():
        found = pattern.search(question)
        if not found:
            continue
        rest = pattern.sub(" ", question)  # "保荐机构中信证券" → " 中信证券": the role's words are not the firm's
        firm = _FIRM_ZH.search(rest) or _FIRM_EN.search(rest)
        if firm:
            return name, firm.group(1).strip()
    return None


def _core(name: str) -> str:
    return _LEGAL_FORM.sub("", name).lower()


@dataclass
class WrongFirm:
    """The firm a question named for a role, the one the document names, the role's name, and the quote."""

    asked: str
    said: str
    role: str
    evidence: list = field(default_factory=list)


def check_role(question: str, text) -> WrongFirm | None:
    """What the document says when the question's firm is not the one it names for the role, else None.

    ``text`` is a ``premises.DocumentText``; the role's field comes from the library's facts."""
    asked = asked_role(question)
    if asked is None:
        return None
    name, firm = asked
    try:
        from analyst_desk.core.facts import FactBook

        book = FactBook.of(text.library)
    except Exception:  # noqa: BLE001 - without facts there is no field to compare with
        log.info("No facts to check the role in %r", question, exc_info=True)
        return None
    try:
        found = book.field(name, doc_ids=list(text.doc_ids)) if text.doc_ids else None
    finally:
        book.close()
    if found is None or not found.determined:
        return None
    said, wanted = _core(found.value), _core(firm)
    if not said or not wanted or wanted in said or said in wanted:
        return None  # the same firm, however written ("中信建投" of "中信建投证券有限责任公司")
    role = ROLES[name][0] if re.search(f"[{HAN}]", question) else ROLES[name][1]
    return WrongFirm(firm, found.value, role, _evidence(text, found, ROLES[name][2]))


def _evidence(text, found, role: re.Pattern) -> list:
    """The sentence printing the firm's name: on the field's page, else one that also names the role (the cover
    is not always stored as a passage), earliest and shortest first, with its passage."""
    value = compact(found.value)
    ranked = []
    for passage in text.passages(found.doc_id):
        if value not in compact(passage.text):
            continue
        for sentence in split_sentences(passage.text):
            if value in compact(sentence) and len(sentence) <= 200:
                ranked.append((passage.page != found.page, not role.search(sentence), passage.page, len(sentence),
                               sentence.strip(), passage))
    ranked.sort(key=lambda r: r[:4])
    return [(ranked[0][4], ranked[0][5])] if ranked else []


def role_correction(premise, language: str, citation: str = "") -> str:
    """"文件显示保荐机构为中信建投证券有限责任公司[1]，不是中信证券。"."""
    if language == "zh":
        return f"文件显示{premise.metric}为{premise.said}{citation}，不是{premise.asked}。"
    return f"The documents name {premise.said} as the {premise.metric}{citation}, not {premise.asked}."
