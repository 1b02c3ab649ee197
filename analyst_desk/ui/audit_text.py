"""An audit record as a reader sees it: minutes as their summary and items (the log keeps them as JSON),
flags in the window's language through the message catalogue (the log keeps them as recorded)."""

from __future__ import annotations

import ast
import json

from analyst_desk.ui import i18n
from analyst_desk.ui.local_time import local_time

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


def pane_name(pane: str) -> str:
    """The pane a record came from, in the UI language (records store a stable key)."""
    names = {"assistant": ("Assistant", "助手"), "ask": ("Ask documents", "文档问答"),
             "drafting": ("Report drafting", "报告撰写"), "meeting": ("Meeting summary", "会议纪要"),
             "extraction": ("Spreadsheet extraction", "表格提取"), "cli": ("Command line", "命令行"),
             "system": ("System", "系统")}
    words = names.get(pane)
    return (words[1] if i18n.language() == "zh" else words[0]) if words else pane


#: What each kind of record holds ("会议纪要 · 转写稿"), the log's own notes too.
_KIND_WORDS = {"answer": ("answer", "回答"), "minutes": ("minutes", "纪要"), "transcript": ("transcript", "转写稿"),
               "section": ("report section", "报告章节"), "key_figure": ("key figure", "关键数字"),
               "generate": ("generated text", "生成文本"), "audit_gap": ("record not written", "漏记说明"),
               "recovery": ("log recovery", "日志恢复"), "anchor": ("archive", "归档"),
               "legacy_sealed": ("old records sealed", "旧记录封存")}


def kind_name(kind: str) -> str:
    """What a record holds, in the UI language (records store a stable key; unknown kinds as stored)."""
    words = _KIND_WORDS.get(kind)
    return (words[1] if i18n.language() == "zh" else words[0]) if words else kind
#: The seal problems the log writes in its recovery notes, in Chinese.
_SEAL_PROBLEMS_ZH = {"the seal file was missing": "封印文件缺失",
                     "the last record was not the one that was sealed": "最后一条记录不是封存时的那条"}


def _missed_line(record: dict, zh: bool) -> str:
    """Which output a gap note is about: its pane, its kind and when it was made."""
    what = " · ".join(x for x in (pane_name(record.get("missed_pane") or ""), kind_name(record.get("missed_kind") or ""))
                      if x)
    when = local_time(record["missed_time"]) if record.get("missed_time") else ""
    if not what:  # a note without its details (an older or damaged record)
        return ""
    if zh:
        return f"未记录的输出：{what}" + (f"（{when}）" if when else "")
    return f"Output not recorded: {what}" + (f" ({when})" if when else "")


def _system_text(record: dict) -> str | None:
    """A record the log wrote about itself, in the window's language (the stored words are kept as recorded:
    they are under the chain's hash); ``None`` for a kind this does not know, which is shown as stored."""
    from analyst_desk.core.catalog import render
    from analyst_desk.core.compliance.audit_reasons import reason_words

    zh, kind = i18n.language() == "zh", record.get("kind")
    if kind == "audit_gap":
        reason = reason_words(str(record.get("reason") or ""), i18n.language())
        missed = _missed_line(record, zh)
        return render("audit.not_recorded", {"reason": reason}, i18n.language()) + (f"\n{missed}" if missed else "")
    if not zh:
        return None
    if kind == "recovery":
        details = record.get("recovery") or {}
        found = details.get("found_seq")
        if details.get("records_lost") or details.get("seal_problem"):
            lost, sealed = details.get("records_lost") or 0, details.get("sealed_seq")
            problem = details.get("seal_problem")
            why = _SEAL_PROBLEMS_ZH.get(problem, problem) if problem else (
                f"第 {sealed} 条记录已封存，但缺失或损坏" if lost == 1 else
                f"第 {(found or 0) + 1}–{sealed} 条记录已封存，但缺失或损坏")
            return f"审计日志与封印不符：{why}。日志从第 {found} 条记录继续。"
        if details.get("quarantined"):
            return (f"一次中断的写入（{details.get('quarantined_bytes')} 字节）已移至 {details['quarantined']}；"
                    f"日志从第 {found} 条记录继续。")
        return None
    if kind == "anchor" and record.get("archive"):
        return f"{record.get('archived_records')} 条较早的记录已归档到 {record['archive']}。"
    if kind == "legacy_sealed":
        return f"{(record.get('legacy') or {}).get('records')} 条旧格式（无密钥）记录已按原样封存。"
    return None


def readable_output(record: dict) -> str:
    """The output as text: minutes (stored as JSON) become their summary and item lists; the log's own notes
    (a missed record, a recovery, an archive) are said in the window's language."""
    output = record.get("output") or ""
    if record.get("pane") == "system" or record.get("kind") == "audit_gap":
        text = _system_text(record)
        if text is not None:
            return text
    if record.get("kind") == "minutes" and output.lstrip().startswith("{"):
        try:
            from analyst_desk.core.meeting.export import minutes_markdown
            from analyst_desk.core.meeting.minutes import Minutes

            return _minutes_text(minutes_markdown(Minutes.from_json(json.loads(output))))
        except (ValueError, KeyError, TypeError):  # an older or damaged record: shown as stored
            return output
    return output


def _minutes_text(markdown: str) -> str:
    """Minutes as plain lines for the table and the detail: headings and labels without Markdown marks, each
    action item one line with its labelled cells ("1. 补充抵押物评估报告 — 负责人：刘倩；来源：第5行"), not a pipe table."""
    zh = i18n.language() == "zh"
    colon, joiner = ("：", "；") if zh else (": ", "; ")
    out, header = [], None
    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in line.strip("|").split(" | ")]
            if header is None:
                header = cells
            elif not set(line) <= set("|-: "):  # the ruling under the header is no item
                number, task, rest = cells[0], cells[1] if len(cells) > 1 else "", cells[2:]
                labelled = [f"{name}{colon}{value}" for name, value in zip(header[2:], rest) if value]
                out.append(f"{number}. {task}" + (f" — {joiner.join(labelled)}" if labelled else ""))
            continue
        header = None
        if line == "---":  # the export's footer ("由 Analyst Desk 根据会议记录生成…") is no part of the minutes
            break
        line = line.lstrip("#").strip()
        if line.startswith("> "):  # a Markdown quote holds the summary's flags ("> ⚠ …")
            line = line[2:]
        if line.startswith("**") and "**:" in line:  # "**参会人员**: 陈立新, 刘倩"
            label, _, value = line[2:].partition("**:")
            value = value.strip()
            line = f"{label}{colon}{value.replace(', ', '、') if zh else value}"
        if line:  # one line per heading, label and item: a detail view at 768 px has no room for blank ones
            out.append(line.replace("**", ""))
    return "\n".join(out)


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
