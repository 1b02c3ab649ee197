"""Personal data written in Latin letters that the Chinese forms' rules do not see: a Latin name before a Chinese
title ("Jason Li先生"), a name before its job title ("Peter Huang, Credit Officer"), and English addresses down
to the flat ("Unit 2305, Tower 1, 288 Century Avenue").

As for Chinese addresses, a home is told from an office by the words around it: a flat-level address is a
person's unless a firm is named on its line before it (a filing's "Registered office of … Limited: Room 3301, …");
a street address without a flat is a person's only after a personal label (Home address:, lives at).
"""

from __future__ import annotations

import re

from analyst_desk.core.compliance.pii_words import FIRM_WORD, JOB_TITLE_WORD, NOT_NAME_WORDS, ROMAN_SURNAMES

_WORD = r"[A-Z][a-z]+"
#: A person's name in Latin letters: two or three capitalised words, a middle initial allowed ("Michael J. Turner").
_LATIN_NAME = rf"{_WORD}(?:[ \t]+[A-Z]\.)?(?:[ \t]+{_WORD}){{1,2}}"
_BEFORE_TITLE = re.compile(rf"({_LATIN_NAME})[ \t]?(?=先生|女士|小姐)")
#: A job title after a comma: the function (Credit, Risk, Relationship …) then the rank (Officer, Manager …).
_JOB = re.compile(rf"(?<![A-Za-z])({_LATIN_NAME}),[ \t]+(?:(?:Senior|Chief|Assistant|Deputy|Vice|Junior|Associate)[ \t]+)?"
                  r"(?:(?:Relationship|Account|Credit|Risk|Branch|Client|Wealth|Compliance|Loan|Sales|Finance|Financial|"
                  r"Operations|Investment|Portfolio|Customer|Private Banking|Corporate Banking|Retail|Treasury|Audit|"
                  r"General|Managing|Marketing|Legal|Product)[ \t]+)+"
                  r"(?:Manager|Officer|Director|Analyst|Associate|Banker|Adviser|Advisor|Executive|Specialist|Controller|"
                  r"Assistant|Partner)\b")
#: Words that make a run of capitalised words a place or a firm's role, not a person.
_NOT_PERSON = re.compile(r"\b(?:Hong Kong|Kong|China|Shanghai|Beijing|Shenzhen|Singapore|Macau|Taiwan|Road|Street|"
                         r"Avenue|Tower|Building|Plaza|Centre|Center|Square|District|Province|City)\b")

_UNIT = r"(?:Flat|Room|Rm|Unit|Apt|Apartment|Suite)\.?[ \t]*(?:[0-9]{1,5}[A-Z]?|[A-Z]\b)"  # Flat 17D, Flat C
_PART = rf"(?:(?:Block|Blk|Tower|Building|Bldg|Floor|Level|Lane|No\.?|House|Phase)[ \t]*(?:[0-9]{{1,5}}[A-Z]?|[A-Z]\b)|" \
        rf"[0-9]{{1,3}}/F|" \
        rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
_STREET = rf"(?:(?:No\.[ \t]*)?[0-9]{{1,5}}[A-Z]?,?[ \t]+)?(?:(?:{_WORD}|[A-Z])[ \t]+){{1,3}}(?:Road|Street|Avenue|Lane|Drive|" \
          r"Boulevard|Rd|St|Ave|Way|Place|Terrace|Crescent|Court|Highway)\b(?:[ \t]+(?:East|West|North|South|Middle)\b)?"
#: A flat, its building's parts, then the street: "Flat 17D, Tower 6, Harbour Heights, 9 Fook Yum Road".
_FLAT_ADDRESS = re.compile(rf"(?<![A-Za-z]){_UNIT}(?:,?[ \t]+{_PART}){{0,4}}?,[ \t]*{_STREET}")
#: A street address a personal label introduces: "Home address: 2417 Maple Grove Lane".
_PERSONAL_LABEL = re.compile(r"(?:home|residential|residence|correspondence|mailing|permanent)\s+address\s*[:：]\s*|"
                             r"\b(?:lives|living|resides|residing)\s+at\s+", re.I)
_STREET_ADDRESS = re.compile(rf"[0-9]{{1,5}}[A-Z]?[ \t]+(?:{_WORD}[ \t]+){{1,3}}(?:Road|Street|Avenue|Lane|Drive|"
                             r"Boulevard|Rd|St|Ave|Way|Place|Terrace|Crescent|Court)\b")
#: Words that put an address in a firm's papers: its registered or principal office.
_FIRM_ADDRESS = re.compile(r"\b(?:office|registered|headquarters?|principal place|branch)\b", re.I)


#: Romanised names as passports and Hong Kong IDs print them, the surname first: "ZHOU Minghui", "LEUNG Ka Yan" (the
#: surname in capitals), "Ho, Wing Sze", "LIU, Yuxuan" (a comma after it). The surname must be a romanised Chinese
#: one, and the given names no English word ("WANG Building", "HE Said" are not people).
_SURNAME_CAPS = re.compile(r"(?<![A-Za-z])([A-Z]{2,7})((?:[ \t]+[A-Z][a-z]+){1,2})(?![A-Za-z])")
_SURNAME_COMMA = re.compile(r"(?<![A-Za-z])([A-Z][a-zA-Z]{1,6}),[ \t]+([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})(?![A-Za-z])")
#: Surnames that are English words too, so a capitalised heading may start with them ("AN Overview", "TO Whom").
_ENGLISH_WORD_SURNAMES = {"AN", "HE", "TO", "SO", "LO", "AU", "KO", "LAW", "LAM", "YE", "MAN", "LONG", "TAN", "MAK"}
#: A Latin name straight before the person's identity document: "Richard Palmer, British passport 5357…",
#: "Ho Wing Sze (HKID …)".
_BEFORE_DOCUMENT = re.compile(rf"(?<![A-Za-z])({_LATIN_NAME})(?:,[ \t]+(?:{_WORD}[ \t]+)?|[ \t]*[(（][ \t]*)"
                              r"(?:ID card|identity card|passport|HKID|ID No)", re.I)


def _given_names(words: str) -> bool:
    return all(w not in NOT_NAME_WORDS and not _NOT_PERSON.search(w) and not FIRM_WORD.search(w) and
               not JOB_TITLE_WORD.search(w) for w in words.split())


def romanised_names_in(folded: str) -> list[tuple[int, int]]:
    """Spans of surname-first romanised names: SURNAME Given and Surname, Given."""
    spans = []
    for m in _SURNAME_CAPS.finditer(folded):
        if m.group(1) in ROMAN_SURNAMES and m.group(1) not in _ENGLISH_WORD_SURNAMES and _given_names(m.group(2)):
            spans.append(m.span())
    for m in _SURNAME_COMMA.finditer(folded):
        surname = m.group(1)
        if surname.upper() in ROMAN_SURNAMES and (surname.isupper() or surname.istitle()) and _given_names(m.group(2)):
            spans.append(m.span())
    return spans


def _person(name: str) -> bool:
    words = name.split()
    return not FIRM_WORD.search(name) and not _NOT_PERSON.search(name) and not JOB_TITLE_WORD.search(name) and \
        words[0] not in NOT_NAME_WORDS


def latin_names_in(folded: str) -> list[tuple[int, int]]:
    """Spans of Latin names before 先生/女士/小姐, a job title or an identity document, and romanised names."""
    spans = []
    for pattern in (_BEFORE_TITLE, _JOB, _BEFORE_DOCUMENT):
        for m in pattern.finditer(folded):
            if _person(m.group(1)):
                spans.append(m.span(1))
    return spans + romanised_names_in(folded)


def english_addresses_in(folded: str) -> list[tuple[int, int]]:
    """Spans of English addresses of people: down to a flat with no firm on the line before, or after a personal
    label."""
    found = []
    for m in _FLAT_ADDRESS.finditer(folded):
        line = folded[folded.rfind("\n", 0, m.start()) + 1:m.start()]
        if _PERSONAL_LABEL.search(line) or not (FIRM_WORD.search(line) or _FIRM_ADDRESS.search(line)):
            found.append(m.span())
    for label in _PERSONAL_LABEL.finditer(folded):
        m = _STREET_ADDRESS.match(folded, label.end())
        if m:
            found.append(m.span())
    return found
