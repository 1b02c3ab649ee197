"""Minutes of meetings where people are called by their team, by a recogniser's label or by a part of the day
(issue 23, the fifth dev batch in tests/data/meeting/devset, files ``*dev5*``). Pure rules, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from analyst_desk.core.meeting.dates import resolve_due
from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.minutes import Minutes
from analyst_desk.core.meeting.summarize import build_items
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_devset import DEVSET

CUSTODY = DEVSET / "zh_dev5_custody_weekly.txt"
INCIDENT = DEVSET / "mixed_dev5_payments_incident.txt"
CARDS_ASR = DEVSET / "zh_dev5_asr_card_ops.txt"
EQUIPMENT = DEVSET / "en_dev5_client_call_equipment.txt"


def _minutes(path):
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    minutes = Minutes(title="", date=transcript.date, language=transcript.language, attendees=list(transcript.attendees))
    build_items(minutes, find_items(transcript, transcript.date), transcript, transcript.language)
    return transcript, minutes


def _on_line(minutes, number):
    return [i for i in minutes.action_items if number in i.lines]


def test_a_team_called_by_its_group_is_the_one_who_heads_it_and_a_shared_group_is_nobody():
    transcript, minutes = _minutes(CUSTODY)
    roster = transcript.attendees
    assert roster.resolve("清算组") == "晏秋"  # 晏秋（清算组组长）
    assert roster.resolve("估值组") == "" and set(roster.ambiguous("估值组")) == {"陶静", "樊一鸣"}  # two in it: never guessed
    (task,) = _on_line(minutes, 14)  # "清算组出个整改方案，下周二前。"
    assert task.owner == "晏秋" and task.due.date == dt.date(2026, 5, 19)
    _, incident = _minutes(INCIDENT)
    (fix,) = _on_line(incident, 7)  # "监控规则补齐这个，SRE组今天下班前改完。" — 詹可（SRE组）
    assert fix.owner == "詹可" and fix.due.date == dt.date(2026, 8, 4)


def test_recogniser_labels_are_named_by_who_answers_and_by_whom_each_label_calls():
    transcript, minutes = _minutes(CARDS_ASR)
    # 说话人2 and 说话人3 call 尚总, so neither is 尚国华; 说话人3 answers "月底前没问题" to "牟新你…";
    # the one label left is the one person left
    assert list(transcript.attendees) == ["尚国华", "祁敏", "牟新", "钮丹"]
    assert [transcript.line(n).speaker for n in (5, 8, 11, 14)] == ["尚国华", "祁敏", "牟新", "钮丹"]
    assert {(i.owner, i.due.date) for i in minutes.action_items} == {
        ("祁敏", dt.date(2026, 10, 26)), ("牟新", dt.date(2026, 10, 31)), ("钮丹", dt.date(2026, 10, 23))}


def test_a_promise_for_this_afternoon_is_due_today_and_a_busy_afternoon_is_no_deadline():
    meeting = dt.date(2026, 5, 12)
    assert resolve_due("那我下午就去华晟那边，当面谈一下。", meeting).date == meeting
    assert resolve_due("晚上八点前发我", meeting).time == "20:00"
    assert resolve_due("周三下午三点前", meeting).date == dt.date(2026, 5, 13)
    assert resolve_due("我下午在分行开会", meeting) is None
    _, minutes = _minutes(CUSTODY)
    (visit,) = _on_line(minutes, 20)
    assert visit.owner == "常志远" and visit.due.date == meeting


@pytest.mark.parametrize("path, line, words", [
    (CUSTODY, 19, "万分之一点八"),  # the chair's floor, answering a request the client made through a colleague
    (INCIDENT, 20, "演练先不做"),  # "我建议再做一次failover演练" — "演练先不做，等…以后再说"
])
def test_the_chair_ruling_on_a_proposal_is_a_decision(path, line, words):
    _, minutes = _minutes(path)
    assert any(line in d.lines and words in d.text + d.quote for d in minutes.decisions)


def test_what_a_team_will_want_is_no_task_and_a_declined_task_goes_to_who_takes_it():
    _, minutes = _minutes(EQUIPMENT)
    assert not _on_line(minutes, 9)  # "Credit will also want the last two quarters…"
    (valuation,) = [i for i in minutes.action_items if 15 in i.lines]  # Ivy is away; "Happy to take it." — Hannah
    assert valuation.owner == "Hannah Cole" and valuation.due.date == dt.date(2026, 7, 31)
    (accounts,) = _on_line(minutes, 10)
    assert accounts.owner == "Marcus Webb" and accounts.due.date == dt.date(2026, 7, 20)


DELEGATION = DEVSET / "zh_dev6_branch_delegation.txt"
DEAL_TEAM = DEVSET / "en_dev6_deal_team_sync.txt"


def test_a_task_the_chair_hands_on_by_a_nickname_is_theirs_and_a_plan_meant_before_training_is_none():
    transcript, minutes = _minutes(DELEGATION)
    assert transcript.attendees.resolve("小梅") == "黄梅"  # 小 + the one-character given name
    (report,) = _on_line(minutes, 12)  # "我让小梅下周二前发给大家"
    assert report.owner == "黄梅" and report.due.date == dt.date(2026, 3, 24)
    (names,) = _on_line(minutes, 14)  # "老邱，你手上那几家代发客户的名单给一下小梅，周四前": 小梅 only receives it
    assert names.owner == "邱建华"
    assert not [i for i in minutes.action_items if i.lines == [16]]  # "我本来想下周交，但下周要去分行培训"
    (plan,) = [i for i in minutes.action_items if 17 in i.lines]
    assert plan.owner == "岑晓" and plan.due.date == dt.date(2026, 3, 31)


def test_a_volunteer_settling_something_by_a_date_has_a_task_not_a_decision():
    _, minutes = _minutes(DELEGATION)
    (visit,) = _on_line(minutes, 11)  # "这个我来，我跟社区的刘主任熟，下周三前定下来。"
    assert visit.owner == "岑晓" and visit.due.date == dt.date(2026, 3, 25)
    assert not [d for d in minutes.decisions if 11 in d.lines]


def test_a_date_moved_past_the_days_the_owner_is_away_is_the_weekday_after_them():
    _, minutes = _minutes(DEAL_TEAM)
    (markup,) = _on_line(minutes, 13)  # by Monday? — "I'm in court Monday and Tuesday. Realistically Thursday." — "Thursday then."
    assert markup.owner == "Sophie Laurent" and markup.due.date == dt.date(2026, 4, 16) and 15 in markup.lines
    assert not [d for d in minutes.decisions if 7 in d.lines]  # "4.8 is above what credit signed off in principle"


TITLES = DEVSET / "zh_dev7_credit_titles.txt"
TREASURY = DEVSET / "en_dev7_client_treasury_call.txt"


def test_a_floor_the_chair_sets_on_a_clients_relayed_question_is_a_decision_with_the_task_after_it():
    _, minutes = _minutes(TITLES)
    assert any(18 in d.lines and "3.45%" in d.text for d in minutes.decisions)  # "客户还问能不能把利率降到3.2%。"
    (tell,) = _on_line(minutes, 18)  # "…这是底线，你跟客户讲清楚。" — 王丽 answered "明白"
    assert tell.owner == "王丽" and tell.due is None
    (opinion,) = _on_line(minutes, 15)  # "合同文本的事，法律合规部出个意见，下周三前。"
    assert opinion.owner == "顾长风" and opinion.due.date == dt.date(2026, 11, 25)


def test_what_the_clients_side_needs_to_see_is_no_task_and_a_sooner_promise_of_the_same_work_sets_the_date():
    _, minutes = _minutes(TREASURY)
    assert [i.owner for i in _on_line(minutes, 11)] == ["Dana Whitfield"]  # "We'd need to see that…" gives Kevin nothing
    (spec,) = _on_line(minutes, 12)  # "…send Kevin the technical spec … this week?" — "Sure, I'll send it tomorrow."
    assert spec.owner == "Arjun Mehta" and spec.due.date == dt.date(2026, 10, 14)


EXPENSES = DEVSET / "zh_dev8_expense_rulings.txt"
IT_BOARD = DEVSET / "en_dev8_asr_it_investment.txt"


@pytest.mark.parametrize("line, words", [
    (7, "这个不行"),  # a quote turned down in a later clause
    (13, "别买新的"),  # "维修要四千，买新的要九千" — "修吧，别买新的"
    (16, "原则上同意"),
])
def test_the_chair_ruling_on_costs_put_for_approval_is_a_decision(line, words):
    _, minutes = _minutes(EXPENSES)
    assert any(line in d.lines and words in d.text for d in minutes.decisions)


def test_a_promise_to_go_and_order_is_a_task_and_a_closing_so_be_it_decides_nothing_new():
    _, minutes = _minutes(EXPENSES)
    (order,) = _on_line(minutes, 11)  # "好，那我按一百二十份去下单。"
    assert order.owner == "邝永康" and order.due is None
    assert not [d for d in minutes.decisions if d.lines == [18]]  # "那就这么定，今天散了。" joins the last ruling


def test_an_english_recognisers_labels_and_run_ons_give_each_task_to_the_one_called():
    transcript, minutes = _minutes(IT_BOARD)
    assert list(transcript.attendees) == ["Fiona Grant", "Raj Patel", "Elena Ruiz", "Tom Walsh"]  # Speaker 3 calls fiona
    (plan,) = _on_line(minutes, 10)  # "fine approved raj can you bring the delivery plan … on the seventeenth"
    assert plan.owner == "Raj Patel" and plan.due.date == dt.date(2026, 2, 17) and 11 in plan.lines
    assert any(10 in d.lines and "approved" in d.text.lower() for d in minutes.decisions)
    (numbers,) = _on_line(minutes, 15)  # "tom send me the numbers first so i can check them…" — "sure ill send them … monday"
    assert numbers.owner == "Tom Walsh" and numbers.due.date == dt.date(2026, 2, 9)


@pytest.mark.parametrize("said, date", [
    ("Could you get it to me in the next two weeks?", dt.date(2026, 6, 24)),
    ("I'll have the pack ready in a fortnight.", dt.date(2026, 6, 24)),
])
def test_an_english_span_counted_from_the_meeting_is_a_date(said, date):
    assert resolve_due(said, dt.date(2026, 6, 10)).date == date


OPS = DEVSET / "zh_dev9_ops_crosstalk.txt"


def test_the_one_asked_when_who_answers_with_a_date_has_the_task():
    _, minutes = _minutes(OPS)
    (driver,) = _on_line(minutes, 12)  # "一鸣，新驱动什么时候能推下去？" — "测试还要两天，下周三全部推完。"
    assert driver.owner == "骆一鸣" and driver.due.date == dt.date(2026, 9, 16) and 11 in driver.lines


def test_people_are_called_by_the_function_their_header_gives():
    transcript, minutes = _minutes(OPS)
    assert transcript.attendees.resolve("法务") == "孟凡" and transcript.attendees.resolve("结算这边") == "戚美玲"
    assert transcript.attendees.resolve("科技那边") == ""  # the IT department, not only the one from it in the room
    assert {(i.owner, i.due.date if i.due else None) for i in _on_line(minutes, 18)} == {
        ("孟凡", dt.date(2026, 9, 11)), ("戚美玲", None)}  # "法务牵头应诉…，结算这边配合提供" — "我周五前把…清单发给美玲"


def test_three_days_before_the_holiday_and_the_chairs_answer_to_a_proposal():
    assert resolve_due("调拨计划你做一个，节前三天报给我", dt.date(2026, 9, 8)).date == dt.date(2026, 9, 22)  # 中秋 9-25
    _, minutes = _minutes(OPS)
    assert any(22 in d.lines and "国庆期间开一半" in d.text for d in minutes.decisions)  # "…要不要全部网点都开门？"
    (roster,) = _on_line(minutes, 22)  # "…，名单你排一下，下周一给我。"
    assert roster.owner == "解东" and roster.due.date == dt.date(2026, 9, 14)


LEASING_NOTES = DEVSET / "zh_dev10_phone_notes_leasing.txt"


def test_in_call_notes_the_one_the_work_is_handed_to_owns_it_not_the_one_who_speaks():
    _, minutes = _minutes(LEASING_NOTES)
    (data,) = _on_line(minutes, 7)  # "邓总表示数据可以提供，由小隋整理，五一节前发给阎立。"
    assert data.owner == "小隋" and data.due.date == dt.date(2026, 4, 30)
    (comparison,) = _on_line(minutes, 9)  # "…请司马岚出一个方案对比，下周三前发过来。" — "司马岚答应下周三前发出。"
    assert comparison.owner == "司马岚" and comparison.lines == [9, 10]
    assert not _on_line(minutes, 12)  # "…预计五月中旬出来"


REFINANCING = DEVSET / "en_dev11_client_call_refinancing.txt"


def test_a_clients_we_will_is_their_promise_and_getting_it_approved_is_a_task():
    _, minutes = _minutes(REFINANCING)
    (valuation,) = _on_line(minutes, 8)  # Ingrid: "We'll get you the fleet valuation by Thursday." — "you" only receives it
    assert valuation.owner == "Ingrid Moe" and valuation.due.date == dt.date(2026, 5, 21)
    (board,) = _on_line(minutes, 17)  # "The board meets on the 28th, I'll get it approved then."
    assert board.owner == "Erik Halvorsen" and board.due.date == dt.date(2026, 5, 28)
    assert not [d for d in minutes.decisions if 17 in d.lines]


GO_NO_GO = DEVSET / "mixed_dev12_release_go_nogo.txt"


def test_a_go_no_go_meeting_decides_go_and_gives_the_hotfix_and_the_review_to_those_called():
    _, minutes = _minutes(GO_NO_GO)
    assert not [d for d in minutes.decisions if 5 in d.lines]  # "今天决定4.8要不要按原计划周六晚上发": what is to be decided
    assert any(7 in d.lines and "可以带着上" in d.text for d in minutes.decisions)  # the P2 just reported
    assert any(10 in d.lines and "go" in d.text for d in minutes.decisions)  # "好，那就go，按原计划…"
    (hotfix,) = _on_line(minutes, 7)  # "覃浩，hotfix排进4.8.1，下周五前出包。"
    assert hotfix.owner == "覃浩" and hotfix.due.date == dt.date(2026, 10, 30)
    (review,) = _on_line(minutes, 17)  # "…周日上午十点开个复盘短会，Nina组织。"
    assert review.owner == "邝宁" and review.due.date == dt.date(2026, 10, 25) and review.due.time == "10:00"
