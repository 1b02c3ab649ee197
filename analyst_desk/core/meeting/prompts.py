"""What the meeting pipeline asks the model, in Chinese and English, and the JSON shapes it must answer in.

Prompts are short on purpose: a 0.5B model on two cores reads ~300 tokens a second, and every
request on a chunk starts with the same system prompt and transcript so llama.cpp reuses its cache.
"""

from __future__ import annotations

from analyst_desk.core.engine.base import ChatMessage

SYSTEM = {
    "zh": "你是银行的会议纪要助手。只根据会议记录写，不编造事实、数字和人名。",
    "en": "You write minutes for a bank's meetings. Use only the transcript; never invent facts, figures or names.",
}
ASK_SUMMARY = {
    "zh": "用两三句话概括这段会议讨论了什么、定了什么。",
    "en": "In two or three sentences, say what this part of the meeting discussed and decided.",
}
ASK_MERGE = {
    "zh": "下面是同一个会议各部分的摘要。把它们合并成一段三四句话的会议摘要，不要增加新内容：\n\n",
    "en": "Below are summaries of the parts of one meeting. Merge them into one summary of three or four "
          "sentences; add nothing new:\n\n",
}
ASK_POINTS = {
    "zh": "列出这段会议的要点，最多三条，每行一条，以“- ”开头。",
    "en": "List at most three key points of this part of the meeting, one per line, each starting with \"- \".",
}
ASK_TASK = {
    "zh": "发言人：{speaker}\n原话：{sentence}\n\n用一句简短的话写出要做的事（动宾短语，不含负责人和时间）。",
    "en": "Speaker: {speaker}\nSaid: {sentence}\n\nWrite the task in a few words (a verb phrase, without the "
          "person or the deadline).",
}
ASK_ITEMS = {
    "zh": "列出上面会议中的决定(decision)和待办事项(action)，每项一个：kind；lines（方括号里的行号）；owner（要做事的人，"
          "会上说的名字；说“我来/我这边”的就是发言人）；due（原话里的截止时间词，照抄，没有就空）。"
          "陈述事实、议程、散会的话不算。",
    "en": "List the decisions (decision) and action items (action) of the meeting above, one entry each: kind; lines (the "
          "numbers in brackets); owner (who will do it, as named; the speaker for \"I'll\"); due (the deadline words "
          "copied as said, else empty). Facts, agenda and closing lines are not items.",
}
ASK_TASKS = {
    "zh": "下面每行是会上布置的一项任务的原话。为每项写一个简短的动宾短语（不含负责人和时间），n 是行号：\n",
    "en": "Each line below is a task as said in a meeting. For each, write a short verb phrase (without the person or "
          "the deadline); n is the line number:\n",
}
ASK_TRANSLATE = {"zh": "把这句话翻译成简体中文，只输出译文：\n{text}",
                 "en": "Translate into English; output only the translation:\n{text}"}
LABEL = {"zh": "会议记录", "en": "Transcript"}

TASK_SCHEMA = {"type": "object", "properties": {"task": {"type": "string"}}, "required": ["task"]}
TEXT_SCHEMA = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
#: At most 6 items per chunk, short strings: bounds the answer (and the time) whatever the model does.
ITEMS_SCHEMA = {
    "type": "object",
    "properties": {"items": {"type": "array", "maxItems": 6, "items": {
        "type": "object",
        "properties": {
            "kind": {"enum": ["decision", "action", "question", "risk"]},
            "lines": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
            "owner": {"type": "string", "maxLength": 12},
            "due": {"type": "string", "maxLength": 14},
        },
        "required": ["kind", "lines", "owner", "due"]}}},
    "required": ["items"],
}


def messages(language: str, chunk: str, ask: str) -> list[ChatMessage]:
    """System prompt, then the transcript chunk, then the request.

    The transcript comes first and the request last, so consecutive requests on the same chunk share
    the longest prompt prefix and llama.cpp reuses its cache instead of reading it again.
    """
    body = f"{LABEL[language]}：\n{chunk}\n\n{ask}" if chunk else ask
    return [ChatMessage("system", SYSTEM[language]), ChatMessage("user", body)]
