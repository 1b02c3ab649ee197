"""An audit record as a reader sees it: minutes as their summary and items (the log keeps them as JSON),
flags in the window's language through the message catalogue (the log keeps them as recorded)."""

from __future__ import annotations

import ast
import json

from analyst_desk.ui import i18n

#: Plain flags a generation records (its finish reason), in the window's language.
_WORDS = {"cancelled": ("stopped by the user", "用户已停止"), "length": ("cut at the length limit", "达到长度上限被截断"),
          "disconnected": ("the server dropped the connection", "服务器连接中断")}


#: Placeholders the core records as a source when there is no file (a transcript typed or pasted in).
_SOURCE_WORDS = {"pasted transcript": ("Pasted transcript", "粘贴的会议记录")}


def readable_source(source) -> str:
    """One recorded source as a reader sees it: a file name or passage as stored, a placeholder in the
    window's language."""
    if isinstance(source, str):
        words = _SOURCE_WORDS.get(source.strip().lower())
        return (words[1] if i18n.language() == "zh" else words[0]) if words else source
    if isinstance(source, dict):
        return ", ".join(f"{k}: {x}" for k, x in source.items())
    return str(source)


def readable_output(record: dict) -> str:
    """The output as text: minutes (stored as JSON) become their summary and item lists."""
    output = record.get("output") or ""
    if record.get("kind") == "audit_gap":  # the log's own note of a miss, in the window's language
        from analyst_desk.core.catalog import render

        return render("audit.not_recorded", {"reason": record.get("reason", "")}, i18n.language())
    if record.get("kind") == "minutes" and output.lstrip().startswith("{"):
        try:
            from analyst_desk.core.meeting.export import minutes_markdown
            from analyst_desk.core.meeting.minutes import Minutes

            text = minutes_markdown(Minutes.from_json(json.loads(output)))
            return "\n".join(line.lstrip("#").strip().replace("**", "") for line in text.splitlines())
        except (ValueError, KeyError, TypeError):  # an older or damaged record: shown as stored
            return output
    return output


def _as_dict(flag):
    if isinstance(flag, dict):
        return flag
    if isinstance(flag, str) and flag.startswith("{"):
        for parse in (json.loads, ast.literal_eval):
            try:
                value = parse(flag)
            except (ValueError, SyntaxError):
                continue
            if isinstance(value, dict):
                return value
    return None


def readable_flag(flag) -> str:
    """One flag in the window's language: a checked figure's code through the catalogue, its text otherwise."""
    data = _as_dict(flag)
    zh = i18n.language() == "zh"
    if data is None:
        words = _WORDS.get(str(flag))
        return (words[1] if zh else words[0]) if words else str(flag)
    if data.get("code"):
        from analyst_desk.core.drafting.verification import check_message

        text = check_message(data["code"], data.get("params") or {}, i18n.language())
    else:
        text = str(data.get("message") or data.get("kind") or "")
    quoted = str(data.get("text") or "")
    quoted = quoted if len(quoted) <= 30 else quoted[:29] + "…"
    return f"{text}（{quoted}）" if zh and quoted and quoted not in text else \
        (f"{text} ({quoted})" if quoted and quoted not in text else text)


def readable_flags(record: dict) -> list[str]:
    return [readable_flag(f) for f in record.get("flags") or []]
