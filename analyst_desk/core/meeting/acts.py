"""What a line of a meeting does: directive, request, commitment, acceptance, decline, reassignment, move,
decision, question, report of past work, hypothetical — in Chinese and English.

Read by the dialogue tracker (``dialogue.py``) and by the owner rules (``owners.py``); it imports neither.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN

ACK = re.compile(r"^(?:好的?|好嘞|行嘞|行|可以|没问题|收到|明白|嗯|同意|是的|晓得了?|知道了|懂了|了解|妥了?|没得问题|ok(?:ay)?|sure|will do|got it|yes|fine|"
                 r"understood|noted|agreed|sounds good|no problem|perfect|of course|should be (?:fine|ok(?:ay)?|doable)|can do)"
                 r"(?:[，,。.!！\s]|$)"
                 r"|^(?:嗯|哦|噢)?(?:好的?|好嘞|行|可以|没问题|收到|明白|晓得|知道了)(?:的|啊|呀|嘞|了)?(?:没问题|收到|明白)?$",  # ASR: "嗯好的"
                 re.IGNORECASE)
DECLINE = re.compile(r"来不及|没时间|没空|不行|不是我(?:的|负责|管|这边)|不归我|\b(?:isn'?t|not) (?:me|mine)\b|出不来|不太熟|要不让|能不能让|可不可以让|原来是[^，。]{1,6}在(?:跟|做|弄|负责)|"
                     r"之前(?:是[^，。]{1,6})?(?:做过|跟过|弄过)|\bcould [A-Z][a-z]+ (?:do|take|handle) (?:it|this|that)\b|"
                     r"\b(?:'s|has) been (?:handling|doing|running|looking after)\b|\bswamped\b|\bon leave\b|弄不完|做不完|赶不出|完不成|交不了|够呛|\bwon'?t work\b|\b(?:is|'s) tough\b|"
                     r"\bnot going to make it\b|\bcan'?t make it\b|做不了|走不开|我尽量|尽量吧|\bI'?ll try\b|\bI can try\b|\bnot sure I can\b|脱不开身|顾不上|顾不过来|顾不了|忙不过来|忙不开|抽不出|有点紧|太紧|赶不上|怕来不及|要晚一点|晚一点|抽不开|\bcan'?t\b|\bcannot\b|"
                      r"\bunable\b|\bnot able\b|\bwon'?t be able\b|\bno capacity\b|\b(?:too|is|'s|looks|a bit|pretty) tight\b|"
                      r"\bI'?m (?:in court|travell?ing|away|on the road|out of (?:the )?office|off sick)\b", re.IGNORECASE)
MOVE_ASK = re.compile(r"能不能(?:推|延|改|放|宽限|缓|晚|多给)|最晚[^，。]{0,3}(?:下周|周|礼拜|月底|\d|[一二三四五六七八九十])|"
                      r"(?:下周[一二三四五六日]?|周[一二三四五六日]|礼拜[一二三四五六天]|月底|[\d一二三四五六七八九十]+[号日])(?:之前|前)?吧[。！!]?$|"
                      r"\bcould I have (?:until|till)\b|\bcan I have (?:until|till)\b|\bcan we say\b|(?:再)?宽限几天|多给几天|晚几天|可不可以(?:推|延|改)|(?:推|延|改|放)到.{0,8}(?:行吗|可以吗|吗)|能不能.{0,6}(?:下个月|下周|月底|"
                       r"中旬|之后)|\bcould we (?:move|push|shift)\b|\bcan we (?:move|push|shift)\b|\bmove it to\b|"
                       r"\bpush it (?:to|back)\b|\brealistically\b(?=[^.?!]{0,24}\b(?:monday|tuesday|wednesday|thursday|friday|"
                       r"next week|the \d{1,2}(?:st|nd|rd|th)|end of)\b)|\b(?:could|can) we (?:say|make it|do)\b|\bhow about\b|\bwhat about\b|"
                       r"\bwould\b.{1,24}\bwork(?: for you)?\s*\?|"
                       r"(?:周[一二三四五六日末]|[号日]|月底|下周[一二三四五六日]?|点半?|\d:\d\d)[^，。？?]{0,6}(?:行不行|行吗|可以吗|好吗|怎么样)", re.IGNORECASE)
MOVE_SET = re.compile(r"推到|推迟到|延到|延期到|顺延到|改到|放到|那就|就按|\bmove(?:d)? (?:it )?to\b|\bpush(?:ed)? (?:it )?to\b|"
                       r"^fine\b|^ok(?:ay)?\b", re.IGNORECASE)
REASSIGN = re.compile(rf"改由|还是交给|转给|改交|换人|(?:那|那就)换(?:成|给)?(?=[{HAN}]{{2,3}}[，,吧]|[A-Z])|\binstead\b|\btake (?:it )?over\b|\bcould you take\b", re.IGNORECASE)
_REPORT = re.compile(r"已经|已于|上周|上个?月|昨天|刚才|做完了|完成了|\b(?:last week|yesterday|already|was|were|did|"
                     r"finished|completed|delivered)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"如果|要是|假如|万一|的话|\bif\b|\bin case\b|\bwould have\b", re.IGNORECASE)
_DECISION = re.compile(r"定一下|决定|决议|就这么定|就这么办|就这样定|拍板|经表决|表决通过|一致同意|双方都认可|双方同意|"
                       r"\bwe (?:have )?(?:agreed|decided)\b|\blet'?s go with\b|\bapproved\b", re.IGNORECASE)
#: A sentence that opens with "另外" or "one more thing" adds to what was asked, it does not restate it.
ANOTHER = re.compile(r"^(?:(?:好的?|行|嗯|OK|okay|对|那)[，,\s]*)?(?:另外|此外|再一个|再就是|还有(?:就是|一件事|个事|一个事)?[，,]|还有就是|还要麻烦|"
                     r"\b(?:also|another thing|one more thing|separately|in addition)\b)", re.IGNORECASE)
QUESTION = re.compile(r"[？?]\s*$|吗$|呢$")
_DIRECTIVE_ZH = re.compile(r"(?<![给跟向和找帮])你(?:们)?[^，。？?]{0,12}(?:修掉|改掉|改好|弄好|做好|做完|写好|写完|搞定|补上|补齐|处理掉)(?=[。！!，,]?$)|你(?:们)?(?:先|再|就|来|去|把|负责|牵头|跟|盯|催|写|做|整理|准备|出|看|问|查|排|找|对接|安排|联系)|"
                           r"(?:你|您)(?:们)?(?:那边|这边)(?![^。]*[？?])|要把[^，。]{2,20}(?:好|齐|完|掉|出来|清楚)|"
                           rf"(?:请|麻烦|辛苦)[{HAN}]|一下|给我|发我|报给|交给我|交给你|给到|发到|提供给|一定要|务必|必须|尽快|马上|抓紧|(?:前|之前)[{HAN}]{{0,6}}?(?:完|好|齐|掉|"
                           r"出来|下来|给|发|交|报|拿出|出(?![差门去现席]))")
_REQUEST_EN = re.compile(r"\b(?:could|can|would|will) you\b|\bplease\b|\bI need\b|\bI want\b(?! (?:us|everyone|everybody|all)\b)|\bI'?d like\b|"
                         r"\bI would like\b|\bwe(?:'ll| will|'d| would)? need\b|\bwould it be possible\b|\bis it possible\b|"
                         r"\bwould you mind\b|\b(?:can|could) we get\b", re.IGNORECASE)
_COMMIT = re.compile(r"^(?:[^，,。]{0,6}[，,]|好的?|好嘞|行|嗯|对|可以|没问题)?\s*(?:那)?(?:[^，,。我你]{0,6})?(?<![给发交诉跟找帮])我(?!们都|觉得|认为|担心|建议|估计|感觉|看|想)|\bI(?:'ll| will| can|'m going to)\b|"
                     r"\blet me\b", re.IGNORECASE)

#: Words a line may open with before the call: "第二，老李，…", "然后小陈，…", "Next, Omar, …".
LEAD = (r"^(?:(?:那么?|好的?|对|行|嗯|哎|那个|另外|还有|然后|首先|其次|最后|接下来|对了|其实|第[一二三四五六七八九十\d]{1,2}(?:个|件|点|项)?(?:事)?"
         r"|OK|Okay|So|And|Right|Also|Next|Then|First(?:ly)?|Second(?:ly)?|Finally|Lastly|Actually|Oh|Sorry|Well|Now)"
         r"[，,、:：\s]*){0,2}")


#: An English instruction: "Kenji, bring a funding plan…", "And Grace, rerun the stress…", "Send me the deck".
IMPERATIVE_EN = re.compile(r"^(?:(?:and|so|then|also|ok(?:ay)?|right)[,\s]+)*(?:[A-Z][a-z]+(?: [A-Z][a-z']+)?\s*[,—–-]\s*)?"
                            r"(?:please\s+)?(?:bring|send|get|make sure|prepare|draft|rerun|run|update|check|call|set up|pull|"
                            r"share|circulate|review|write|book|chase|follow up|look into|find|confirm|schedule|put together|"
                            r"take|handle|reach out|email|ping|sort out|fix|finish|submit|deliver|go back|get back|come back|ask|tell|talk to|"
                            r"speak to|find out|work out|add|close|give|arrange|organi[sz]e|line up|loop in|chase up|flag|"
                            r"escalate|raise|log|do)\b", re.IGNORECASE)


def act_of(sentence: str) -> str:
    """What a sentence does: decision, reassignment, move, decline, acceptance, question, commitment,
    directive, request, report (of past work), hypothetical, or "" (talk)."""
    text = sentence.strip()
    if _DECISION.search(text) and not QUESTION.search(text):
        return "decision"
    if REASSIGN.search(text):
        return "reassignment"
    if MOVE_ASK.search(text):
        return "move"
    if DECLINE.search(text):
        return "decline"
    if ACK.match(text) and len(text) <= 14:
        return "acceptance"
    if QUESTION.search(text) and not _REQUEST_EN.search(text):
        return "question"
    if _HYPOTHETICAL.search(text):
        return "hypothetical"
    if _COMMIT.search(text):
        return "commitment"
    if _REQUEST_EN.search(text) or IMPERATIVE_EN.match(text):
        return "request"
    if _DIRECTIVE_ZH.search(text):
        return "directive"
    if _REPORT.search(text):
        return "report"
    return ""


_ASR_WORDS = {"ill": "I'll", "im": "I'm", "ive": "I've", "lets": "let's", "thats": "that's", "theyd": "they'd",
              "theyll": "they'll", "youll": "you'll", "youre": "you're", "hes": "he's", "shes": "she's", "cant": "can't",
              "dont": "don't", "wont": "won't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't", "doesnt": "doesn't",
              "couldnt": "couldn't", "wouldnt": "wouldn't", "whos": "who's", "whats": "what's", "theres": "there's",
              "i": "I", "id": "I'd"}



def readable(text: str) -> str:
    """English as a speech recogniser writes it ("ok so ill send it") with the apostrophes the rules read ("I'll");
    other text is returned as is. Dates keep their words (``dates.py`` reads "the twenty eighth")."""
    if re.search(rf"[{HAN}'’]", text) or sum(c.isupper() for c in text) > len(text) // 20 + 1:
        return text

    return re.sub(r"\b[a-z]+\b", lambda m: _ASR_WORDS.get(m.group(0), m.group(0)), text)


def directs(sentence: str) -> bool:
    """Whether a sentence tells someone to act ("周四前给我个准信", "Could you pull…?"), acknowledged or not."""
    return bool(_DIRECTIVE_ZH.search(sentence) or _REQUEST_EN.search(sentence))


_STOP_EN = set("the and for you are can not our was but all has its who why how what this that these those with from have "
               "will would could should they them their there then than into onto about also just only very some any "
               "one two out off now yes okay well let's lets".split())


def shares_words(a: str, b: str) -> bool:
    """A two-character Chinese word or an English word (not a small word) said in both."""
    han = rf"(?![不能要是的了我你他这那就也都还吗呢吧个一])[{HAN}](?![不能要是的了我你他这那就也都还吗呢吧个一])[{HAN}]"
    pairs_a = {a[i:i + 2] for i in range(len(a) - 1) if re.fullmatch(han, a[i:i + 2])}
    words_a = {w.lower() for w in re.findall(r"[A-Za-z]{3,}|[A-Za-z]+\d+[A-Za-z\d]*", a)} - _STOP_EN  # "P2", "v5"
    words_b = {w.lower() for w in re.findall(r"[A-Za-z]{3,}|[A-Za-z]+\d+[A-Za-z\d]*", b)}
    return any(b[i:i + 2] in pairs_a for i in range(len(b) - 1)) or bool(words_a & words_b)


def ambiguity_flag(call: str, names: list[str], zh: bool) -> str:
    joined = "、".join(names) if zh else " or ".join(names)
    return f"“{call}”可能是{joined}，未指定负责人" if zh else f"“{call}” could be {joined}; left unassigned"
