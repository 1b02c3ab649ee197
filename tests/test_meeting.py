"""Meeting minutes: a relationship manager turns a transcript into minutes they can trust.

The model is the real default Qwen2.5 0.5B; owners, due dates and source lines must be right
whatever the model writes.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import re
import threading

import pytest

from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.errors import InputFileError
from analyst_desk.core.meeting.dates import find_due_dates
from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.export import export_actions, export_minutes
from analyst_desk.core.meeting.minutes import Minutes
from analyst_desk.core.meeting.recheck import check_minutes
from analyst_desk.core.meeting.summarize import chunk_transcript, summarize_meeting
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_docs import EN_TRANSCRIPT, ZH_TRANSCRIPT, write_long_meeting

WEDNESDAY = dt.date(2026, 3, 4)


def _load(path):
    return parse_transcript(read_transcript_text(path), source_name=path.name)


@pytest.fixture(scope="module")
def zh_minutes(chat_engine):
    transcript = _load(ZH_TRANSCRIPT)
    return transcript, summarize_meeting(transcript, chat_engine)


# -- the Chinese credit review ---------------------------------------------------------------------
def test_chinese_minutes_name_the_right_owners_with_resolved_dates_and_lines(zh_minutes):
    transcript, minutes = zh_minutes
    assert minutes.date == WEDNESDAY and minutes.language == "zh"
    assert minutes.attendees == ["张经理", "李总", "王芳", "陈明"]
    by_owner = {item.owner: item for item in minutes.action_items}
    assert set(by_owner) == {"王芳", "陈明", "张经理"}
    guarantee = next(i for i in minutes.action_items if "担保" in i.quote)
    assert guarantee.owner == "王芳"
    assert guarantee.due.date == dt.date(2026, 3, 9) and "下周一" in guarantee.due.words  # Monday of next week
    assert guarantee.lines == [10, 11]  # asked on line 10, confirmed on line 11
    visit = next(i for i in minutes.action_items if "走访" in i.quote)
    assert (visit.owner, visit.due.date, visit.lines) == ("陈明", dt.date(2026, 3, 31), [12, 13])
    memo = next(i for i in minutes.action_items if "授信报告" in i.quote)
    assert (memo.owner, memo.due.date) == ("张经理", dt.date(2026, 3, 20))
    for item in minutes.action_items:
        assert item.owner in transcript.attendees
        assert item.lines, item
        source = " ".join(transcript.line(n).text for n in item.lines)
        assert item.owner in source or transcript.line(item.lines[0]).speaker == item.owner or \
            any(transcript.line(n).speaker == item.owner for n in item.lines)


def test_chinese_minutes_keep_decisions_questions_and_risks_on_their_lines(zh_minutes):
    transcript, minutes = zh_minutes
    assert any("5亿元" in d.text and d.lines == [9] for d in minutes.decisions)
    assert any("LPR" in q.text and 17 in q.lines for q in minutes.open_questions)
    assert any("集中度" in r.text for r in minutes.risks)
    # The rate study has an owner but no deadline: shown, and flagged so nobody assumes one.
    study = next(i for i in minutes.action_items if "测算" in i.quote)
    assert study.owner == "王芳" and study.due is None and study.flags


def test_the_model_writes_a_summary_that_is_checked_against_the_transcript(zh_minutes):
    _, minutes = zh_minutes
    assert len(minutes.summary) > 20 and "恒远" in minutes.summary
    assert 1 <= len(minutes.key_points) <= 5
    assert minutes.model_seconds > 0 and minutes.total_seconds >= minutes.model_seconds
    for point in minutes.key_points:
        assert point.lines or point.flags  # traced, or flagged as not traceable


def test_a_figure_the_transcript_never_states_is_flagged_in_the_summary(zh_minutes):
    from analyst_desk.core.meeting.tracing import check_figures

    transcript, minutes = zh_minutes
    altered = Minutes.from_json(minutes.to_json())
    altered.summary, altered.summary_flags = "会议决定维持7亿元的授信额度。", []
    check_figures(altered, transcript)
    assert any("7亿元" in flag for flag in altered.summary_flags)
    kept = Minutes.from_json(minutes.to_json())
    kept.summary, kept.summary_flags = "会议决定维持5亿元的授信额度。", []
    check_figures(kept, transcript)
    assert kept.summary_flags == []


def test_edits_are_rechecked_owner_must_be_an_attendee_and_text_must_trace(zh_minutes):
    transcript, minutes = zh_minutes
    edited = Minutes.from_json(minutes.to_json())
    edited.action_items[0].owner = "刘总"  # not in the meeting
    edited.decisions[0].text = "决定给客户增加10亿元的新额度并取消担保"  # never said
    check_minutes(edited, transcript)
    assert any("刘总" in f for f in edited.action_items[0].flags)
    assert any("追溯" in f for f in edited.decisions[0].flags)
    untouched = check_minutes(Minutes.from_json(minutes.to_json()), transcript)
    assert not any("追溯" in f for i in untouched.action_items for f in i.flags)


def test_minutes_export_to_word_markdown_and_excel(zh_minutes, tmp_path):
    import docx
    import openpyxl

    transcript, minutes = zh_minutes
    export_minutes(minutes, tmp_path / "minutes.docx")
    document = docx.Document(str(tmp_path / "minutes.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "华东制造客户授信复盘会"
    assert {"摘要", "要点", "决定事项", "待办事项", "待决问题", "风险"} <= set(headings)
    table_text = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert any("王芳" in row[1] and "2026-03-09" in row[2] and "第10行" in row[3] for row in table_text)

    export_minutes(minutes, tmp_path / "minutes.md")
    markdown = (tmp_path / "minutes.md").read_text(encoding="utf-8")
    assert "## 待办事项" in markdown and "2026-03-31（月底前）" in markdown

    export_actions(minutes, tmp_path / "actions.xlsx", {l.number: l.raw for l in transcript.lines})
    sheet = openpyxl.load_workbook(tmp_path / "actions.xlsx").active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(minutes.action_items)
    row = next(r for r in rows if r[2] == "王芳" and r[3] is not None)
    assert isinstance(row[3], dt.datetime) and row[3].date() == dt.date(2026, 3, 9)  # a real date cell
    assert "下周一" in row[4] and "10" in row[5] and "[10] 张经理" in row[7]


# -- English ----------------------------------------------------------------------------------------
def test_english_minutes_resolve_next_friday_and_end_of_month(chat_engine):
    transcript = _load(EN_TRANSCRIPT)
    minutes = summarize_meeting(transcript, chat_engine)
    assert minutes.language == "en" and minutes.date == dt.date(2026, 3, 6)
    term_sheet = next(i for i in minutes.action_items if "term sheet" in i.quote)
    assert term_sheet.owner == "Mary Chen" and term_sheet.due.date == dt.date(2026, 3, 13)
    assert term_sheet.lines == [9, 10]
    memo = next(i for i in minutes.action_items if "memo" in i.quote)
    assert memo.owner == "Tom Baker" and memo.due.date == dt.date(2026, 3, 31)  # "I will…" said by Tom
    assert any("50 million" in d.text for d in minutes.decisions)
    assert minutes.open_questions and minutes.open_questions[0].lines == [12, 13]
    assert "Northwind" in minutes.summary or "renew" in minutes.summary.lower()


# -- long meetings --------------------------------------------------------------------------------
def test_a_two_hour_meeting_is_chunked_and_every_planted_task_is_found_once(chat_engine, tmp_path):
    path, planted = write_long_meeting(tmp_path)
    transcript = _load(path)
    assert len(transcript.text) > 10_000
    chunks = chunk_transcript(transcript, chat_engine)
    assert len(chunks) >= 2  # more than the 4k window holds
    reported = []
    minutes = summarize_meeting(transcript, chat_engine, progress=reported.append)
    assert minutes.chunks == len(chunks) and minutes.summary
    assert len(minutes.action_items) == len(planted)  # the chair's recap adds lines, not items
    for action in planted:
        item = next(i for i in minutes.action_items if action.line in i.lines)
        assert item.owner == action.owner and item.due.words.startswith(action.due_words[:2])
    assert minutes.action_items[0].lines[-1] > 240  # recap line joined the first task
    assert reported[-1].done == reported[-1].total and len(reported) > len(chunks)


def test_cancel_keeps_the_items_found_so_far(chat_engine, tmp_path):
    path, planted = write_long_meeting(tmp_path)
    transcript = _load(path)
    cancel = CancelToken()
    timer = threading.Timer(1.0, cancel.cancel)
    timer.start()
    minutes = summarize_meeting(transcript, chat_engine, cancel=cancel)
    timer.cancel()
    assert minutes.cancelled
    assert len(minutes.action_items) == len(planted)  # traced by rules, so kept even without the model
    # Stopped in the first part's summary: no task wordings, no merge were asked for; the key points are
    # the rules' own (decisions and stated facts, each on its line), so they are kept.
    # (How fast is a benchmark matter: llama.cpp finishes reading the prompt before it can stop.)
    assert all(point.lines for point in minutes.key_points) and minutes.model_tokens < 60
    assert all(item.task == item.quote.strip("。.") or item.task in item.quote for item in minutes.action_items)


# -- relative dates --------------------------------------------------------------------------------
@pytest.mark.parametrize("said, expected", [
    ("下周一之前", dt.date(2026, 3, 9)), ("周五前", dt.date(2026, 3, 6)), ("下周五", dt.date(2026, 3, 13)),
    ("月底前", dt.date(2026, 3, 31)), ("下个月底", dt.date(2026, 4, 30)), ("两周内", dt.date(2026, 3, 18)),
    ("3个工作日内", dt.date(2026, 3, 9)), ("3月20日前", dt.date(2026, 3, 20)), ("季度末", dt.date(2026, 3, 31)),
    ("年底", dt.date(2026, 12, 31)), ("明天", dt.date(2026, 3, 5)), ("15号前", dt.date(2026, 3, 15)),
    ("by next Friday", dt.date(2026, 3, 13)), ("by Friday", dt.date(2026, 3, 6)),
    ("before the end of the month", dt.date(2026, 3, 31)), ("within two weeks", dt.date(2026, 3, 18)),
    ("in 5 business days", dt.date(2026, 3, 11)), ("by March 20", dt.date(2026, 3, 20)),
    ("end of next month", dt.date(2026, 4, 30)), ("tomorrow", dt.date(2026, 3, 5)),
])
def test_relative_due_dates_resolve_against_the_meeting_date(said, expected):
    found = find_due_dates(f"请在{said}完成" if not said.isascii() else f"Please finish it {said}.", WEDNESDAY)
    assert [d.date for d in found] == [expected]
    assert said.replace("之前", "") in found[0].words or found[0].words in said


def test_words_that_are_not_dates_are_not_resolved():
    assert find_due_dates("中国初步确定了方案，月度数据和周报已经发了", WEDNESDAY) == []
    assert find_due_dates("Our monthly report and the weekly numbers", WEDNESDAY) == []


# -- owners ----------------------------------------------------------------------------------------
def test_a_task_given_to_someone_not_in_the_meeting_stays_unassigned_and_flagged():
    text = "时间：2026年3月4日\n参会人员：张经理、王芳\n张经理：请刘强下周一前把报表发过来。\n王芳：我周五前整理好底稿。\n"
    transcript = parse_transcript(text)
    items = {i.sentence: i for i in find_items(transcript, transcript.date) if i.kind == "action"}
    outsider = next(i for s, i in items.items() if "刘强" in s)
    assert outsider.owner == "" and any("刘强" in f for f in outsider.flags)
    mine = next(i for s, i in items.items() if "底稿" in s)
    assert mine.owner == "王芳" and mine.due.date == dt.date(2026, 3, 6)


# -- reading files ---------------------------------------------------------------------------------
def test_gbk_file_is_decoded(tmp_path):
    path = tmp_path / "gbk纪要.txt"
    path.write_bytes(ZH_TRANSCRIPT.read_text(encoding="utf-8").encode("gbk"))
    transcript = _load(path)
    assert transcript.title == "华东制造客户授信复盘会" and transcript.speakers == ["张经理", "李总", "王芳", "陈明"]


@pytest.mark.parametrize("line, speaker, said, stamp", [
    ("张经理：今天先看授信。", "张经理", "今天先看授信。", ""),
    ("【李总】我同意这个方案", "李总", "我同意这个方案", ""),
    ("Speaker 2: we can renew it", "Speaker 2", "we can renew it", ""),
    ("John Smith 10:02: Let's start.", "John Smith", "Let's start.", "10:02"),
    ("[00:01:15] 王芳：收入增长9%", "王芳", "收入增长9%", "00:01:15"),
    ("Mary Chen (10:03): Revenue was up.", "Mary Chen", "Revenue was up.", "10:03"),
])
def test_speaker_labels_and_timestamps_are_recognised(line, speaker, said, stamp):
    parsed = parse_transcript("\n\n\n" + line).lines[-1]
    assert (parsed.speaker, parsed.text, parsed.timestamp) == (speaker, said, stamp)


def test_subtitles_and_word_files_become_transcript_lines(tmp_path):
    import docx

    srt = tmp_path / "call.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\n张经理：下周一前把方案发给我。\n\n2\n00:00:05,000 --> "
                   "00:00:07,000\n王芳：好的。\n", encoding="utf-8")
    lines = parse_transcript(read_transcript_text(srt)).speech
    assert [(l.timestamp, l.speaker) for l in lines] == [("00:00:01", "张经理"), ("00:00:05", "王芳")]
    vtt = tmp_path / "call.vtt"
    vtt.write_text("WEBVTT\n\n00:01.000 --> 00:04.000\n<v Mary Chen>Send the memo by Friday.\n", encoding="utf-8")
    line = parse_transcript(read_transcript_text(vtt)).speech[0]
    assert (line.speaker, line.text) == ("Mary Chen", "Send the memo by Friday.")
    word = tmp_path / "minutes.docx"
    document = docx.Document()
    for text in ZH_TRANSCRIPT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(text)
    document.save(str(word))
    transcript = _load(word)
    assert transcript.date == WEDNESDAY and "王芳" in transcript.attendees


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n ", "empty"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
    ("sheet.xlsx", b"PK\x03\x04 not really", "not a transcript"),
    ("broken.docx", b"this is not a zip", "damaged or not a real Word file"),
])
def test_bad_files_get_a_clear_message(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as error:
        read_transcript_text(path)
    assert words in str(error.value) and name in str(error.value)


# -- CLI --------------------------------------------------------------------------------------------
@pytest.mark.slow  # the command line in a child process, with the model
def test_cli_writes_minutes_actions_and_json(tmp_path, isolated_home):
    import os

    env = {**os.environ, "ANALYST_DESK_HOME": str(isolated_home)}
    out = subprocess.run([sys.executable, "-m", "analyst_desk", "meeting", "summarize", str(ZH_TRANSCRIPT), "-o",
                          str(tmp_path / "m.docx"), "--actions", str(tmp_path / "a.xlsx"), "--json"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout[out.stdout.index("{"):])
    assert {a["owner"] for a in data["action_items"]} == {"王芳", "陈明", "张经理"}
    assert (tmp_path / "m.docx").stat().st_size > 0 and (tmp_path / "a.xlsx").stat().st_size > 0
    undated = tmp_path / "undated.txt"
    undated.write_text("张经理：王芳，你下周一前把方案发给我。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "analyst_desk", "meeting", "summarize", str(undated), "--json"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1 and "--date" in out.stderr and "Traceback" not in out.stderr


def test_english_minutes_of_a_chinese_meeting_keep_owners_dates_lines_and_the_words_said(chat_engine):
    transcript = _load(ZH_TRANSCRIPT)
    minutes = summarize_meeting(transcript, chat_engine, language="en")
    assert minutes.language == "en" and minutes.summary and not re.search(r"[\u4e00-\u9fff]{6,}", minutes.summary)
    guarantee = next(i for i in minutes.action_items if "担保" in i.quote)
    assert (guarantee.owner, guarantee.due.date, guarantee.lines) == ("王芳", dt.date(2026, 3, 9), [10, 11])
    assert guarantee.due_label("en").startswith("2026-03-09")
    decision = next(d for d in minutes.decisions if 9 in d.lines)
    if decision.quote:  # translated: the figure survived, and the Chinese words are kept beside it
        assert "5" in decision.text and "5亿元" in decision.quote
    checked = check_minutes(Minutes.from_json(minutes.to_json()), transcript)
    assert not any("traced" in f for i in checked.decisions for f in i.flags)
