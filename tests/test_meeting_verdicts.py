"""The model proposes, the transcript decides: a secretary's checks on every proposed item.

The verdict tests script the model's proposals (pure logic); the end-to-end test of the quarterly
meeting runs the real default model and is marked slow.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analyst_desk.core.meeting.candidates import Candidate, parse_candidates
from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from analyst_desk.core.meeting.verdicts import accepted, judge, merge_items
from tests.meeting_devset import DEVSET, Score, gold_meetings, score_minutes

QUARTER = DEVSET / "zh_quarter_review.txt"  # our rewording of the 15-line meeting


def _load(path):
    return parse_transcript(read_transcript_text(path), source_name=path.name)


def _minutes(found, transcript):
    from analyst_desk.core.meeting.minutes import Minutes
    from analyst_desk.core.meeting.summarize import build_items

    minutes = Minutes(title="", date=transcript.date, language=transcript.language, attendees=transcript.attendees)
    build_items(minutes, found, transcript, transcript.language)
    return minutes


# -- verdicts on scripted proposals ----------------------------------------------------------------
def test_a_first_person_promise_is_owned_by_its_speaker_and_dated_from_its_own_words():
    transcript = _load(QUARTER)
    [verdict] = judge([Candidate("action", [14], owner="李娜", due_words="月底前")], transcript, transcript.date)
    assert verdict.item.owner == "李娜" and verdict.item.due.date == dt.date(2026, 3, 31)
    assert verdict.item.lines == [14]


@pytest.mark.parametrize("candidate, reason", [
    (Candidate("action", [8], owner="陈晓", due_words="4月30日"), "not a task: fact"),  # a maturity
    (Candidate("action", [5], owner="周总", due_words="今天"), "not a task: agenda"),
    (Candidate("action", [15], owner="周总", due_words="今天"), "not a task: closing"),
    (Candidate("action", [9], owner="李娜", due_words=""), "not a task: opinion"),  # "我觉得需要补充…"
    (Candidate("action", [11], owner="王磊", due_words="2026-03-20"), "due date not said on its lines"),
    (Candidate("action", [11], owner="张伟", due_words="下周五之前"), "owner not named on its lines"),
    (Candidate("action", [13], owner="王磊", due_words="明天"), "owner not named on its lines"),  # 陈晓 said it
    (Candidate("action", [40], owner="王磊", due_words=""), "no such line"),
    (Candidate("decision", [6], owner="", due_words=""), "not a decision"),
])
def test_proposals_the_transcript_does_not_support_are_dropped(candidate, reason):
    transcript = _load(QUARTER)
    [verdict] = judge([candidate], transcript, transcript.date)
    assert verdict.item is None and verdict.reason == reason


def test_keeping_a_meeting_short_is_not_a_decision():
    transcript = _load(DEVSET / "en_blind_portfolio_call.txt")
    [verdict] = judge([Candidate("decision", [5], owner="", due_words="")], transcript, transcript.date)
    assert verdict.item is None


def test_the_date_is_read_where_the_words_stand():
    transcript = _load(QUARTER)
    # The model copies only "周五"; on line 11 it is part of "下周五之前": next week's Friday, not this one.
    [verdict] = judge([Candidate("action", [11], owner="王磊", due_words="周五")], transcript, transcript.date)
    assert verdict.item.due.date == dt.date(2026, 3, 20)


def test_an_item_cited_one_line_off_is_kept_on_the_line_that_says_it():
    transcript = _load(QUARTER)
    [verdict] = judge([Candidate("action", [12], owner="王磊", due_words="下周五之前")], transcript, transcript.date)
    assert verdict.item.lines == [11] and verdict.item.owner == "王磊"


def test_a_task_given_to_someone_outside_the_meeting_stays_unassigned_and_flagged():
    transcript = _load(DEVSET / "zh_credit_committee.txt")
    [verdict] = judge([Candidate("action", [15], owner="赵处长", due_words="下周五前")], transcript, transcript.date)
    assert verdict.item.owner == "" and any("赵处长" in f for f in verdict.item.flags)
    assert verdict.item.due.date == dt.date(2026, 4, 17)


def test_model_items_join_the_cue_items_on_their_lines_and_new_ones_are_added():
    text = ("时间：2026年6月9日\n参会人员：马行长、刘洋\n马行长：开户材料的事情小刘跟一下。\n刘洋：好的。\n"
            "马行长：报表周五前给我，刘洋。\n")
    transcript = parse_transcript(text)
    cue = find_items(transcript, transcript.date)
    model = accepted(judge([Candidate("action", [3], owner="刘洋", due_words=""),
                            Candidate("action", [5], owner="刘洋", due_words="周五前")], transcript, transcript.date))
    merged = [f for f in merge_items(cue, model) if f.kind == "action"]
    assert [(f.owner, f.lines[0]) for f in merged] == [("刘洋", 3), ("刘洋", 5)]
    assert merged[1].due.date == dt.date(2026, 6, 12)


def test_a_cut_off_answer_keeps_its_complete_items():
    text = '{"items":[{"kind":"action","lines":[11],"owner":"王磊","due":"下周五之前"},{"kind":"decision","lin'
    assert parse_candidates(text) == [Candidate("action", [11], "王磊", "下周五之前")]
    assert parse_candidates('{"items":[{"kind":"action","lines":[],"owner":"","due":""}]}') == []


# -- cue phrases on the dev set --------------------------------------------------------------------
def test_the_quarterly_meeting_by_cue_phrases_has_its_three_tasks_and_its_decision_and_nothing_else():
    transcript = _load(QUARTER)
    minutes = _minutes(find_items(transcript, transcript.date), transcript)
    assert [(i.owner, i.due.date, i.lines) for i in minutes.action_items] == [
        ("王磊", dt.date(2026, 3, 20), [11, 12]), ("陈晓", dt.date(2026, 3, 13), [13]),
        ("李娜", dt.date(2026, 3, 31), [14])]
    assert [(d.text, d.lines) for d in minutes.decisions] == [("华信制造先按原额度5亿元续作，提额部分等抵押物评估完成后再议", [10])]
    assert minutes.open_questions == [] and minutes.risks == []


def test_cue_phrases_on_the_dev_set_find_the_tasks_with_the_right_owner_and_date():
    for split in ("dev", "heldout", "fresh", "blind"):
        total = Score()
        for meeting in gold_meetings(split):
            transcript = _load(meeting.path)
            total = total + score_minutes(meeting, _minutes(find_items(transcript, transcript.date), transcript),
                                          transcript)
        assert total.precision >= 0.9 and total.recall >= 0.85, (split, total.misses)
        assert total.outsider_owners == 0 and total.unsupported_dates == 0


def test_holidays_resolve_the_first_working_day_after_and_unknown_years_stay_unresolved():
    from analyst_desk.core.meeting.dates import find_due_dates

    assert find_due_dates("节后第一个工作日提交", dt.date(2026, 2, 10))[0].date == dt.date(2026, 2, 24)
    assert find_due_dates("国庆节后第一个工作日提交", dt.date(2026, 9, 29))[0].date == dt.date(2026, 10, 8)
    assert find_due_dates("节后第一个工作日提交", dt.date(2028, 3, 1)) == []  # no 2028 calendar: not guessed
    provisional = find_due_dates("中秋节前提交", dt.date(2027, 9, 1))[0]  # 2027: festival days only, a reading
    assert provisional.date == dt.date(2027, 9, 14) and provisional.approximate
    assert find_due_dates("下下周三之前", dt.date(2026, 4, 8))[0].date == dt.date(2026, 4, 22)
    # "周三前" said on a Wednesday is next Wednesday, not the day of the meeting.
    assert find_due_dates("周三前更新好", dt.date(2026, 12, 9))[0].date == dt.date(2026, 12, 16)


# -- the real model --------------------------------------------------------------------------------
@pytest.mark.slow
def test_with_the_model_the_quarterly_meeting_gives_exactly_its_three_tasks_and_its_decision(chat_engine):
    from analyst_desk.core.meeting.summarize import summarize_meeting

    transcript = _load(QUARTER)
    minutes = summarize_meeting(transcript, chat_engine)
    assert [(i.owner, i.due.date) for i in minutes.action_items] == [
        ("王磊", dt.date(2026, 3, 20)), ("陈晓", dt.date(2026, 3, 13)), ("李娜", dt.date(2026, 3, 31))]
    assert len(minutes.decisions) == 1 and "5亿元续作" in minutes.decisions[0].text
    assert minutes.decisions[0].lines == [10]
    for item in minutes.action_items:  # every date from words on the item's own lines
        said = "".join(transcript.line(n).text for n in item.lines)
        assert item.due.words in said
    assert minutes.summary and minutes.model_tokens > 0
