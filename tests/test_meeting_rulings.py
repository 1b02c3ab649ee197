"""The chair's yes or no to a proposal is the meeting's decision (issue 23): "我建议分区装修" — "可以，就分区装修";
"能不能放到十月底？" — "不行，上线前一周必须压完"; "I'd suggest two contractors" — "Fine, two contractors for March".
And the dates around them: 明早九点前, 今晚十点前, "by end of day tomorrow", "这周先减三成，下周再看".

The transcripts are in tests/data/meeting/devset, written for these cases (a card centre, an asset manager's weekly,
a branch refit recorded without punctuation, a treasury operations meeting). Pure rules, no model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analyst_desk.core.meeting.dates import resolve_due
from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.minutes import Minutes
from analyst_desk.core.meeting.summarize import build_items
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_devset import DEVSET


def _minutes(name):
    path = DEVSET / name
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    minutes = Minutes(title="", date=transcript.date, language=transcript.language, attendees=list(transcript.attendees))
    build_items(minutes, find_items(transcript, transcript.date), transcript, transcript.language)
    return minutes


def _decided(minutes, line):
    return " ".join(d.text for d in minutes.decisions if line in d.lines)


@pytest.mark.parametrize("name, line, words", [
    ("zh_rulings_card_center.txt", 13, "首年免年费可以"),  # "刷卡金不行，首年免年费可以": yes to one part, no to the other
    ("zh_rulings_asset_weekly.txt", 8, "城投占比不能超过四成八"),  # "久期可以加，但…": allowed, with a limit
    ("zh_rulings_asset_weekly.txt", 11, "先减三成"),  # "不可以一下子减一半" answers "我提议把光伏的仓位减一半"
    ("zh_asr_rulings_branch_refit.txt", 5, "分区装修"),  # "可以 就分区装修 不停业", no punctuation
    ("zh_asr_rulings_branch_refit.txt", 9, "ATM不挪"),  # the chair's own "要不要…", answered, then "那不行"
    ("en_rulings_treasury_ops.txt", 8, "cut-off stays at 3pm"),  # "No, …" to "the branches keep asking us to move it"
    ("en_rulings_treasury_ops.txt", 11, "two contractors for March"),  # "Fine, …" to "I'd suggest …"
])
def test_the_chairs_yes_or_no_to_a_proposal_is_a_decision_in_their_words(name, line, words):
    assert words in _decided(_minutes(name), line)


def test_a_yes_that_takes_a_task_is_no_decision_and_the_task_is_still_given():
    minutes = _minutes("zh_rulings_asset_weekly.txt")
    assert not _decided(minutes, 15)  # "可以。" to "甄宇你来牵头改" accepts the task
    assert [i.owner for i in minutes.action_items if 14 in i.lines] == ["甄宇"]
    minutes = _minutes("en_rulings_treasury_ops.txt")
    aiko = next(i for i in minutes.action_items if 8 in i.lines)  # "No, the cut-off stays… Aiko, please tell the branches"
    assert aiko.owner == "Aiko Tanaka"


def test_a_task_promised_after_another_due_the_same_day_is_the_speakers_own():
    minutes = _minutes("zh_rulings_asset_weekly.txt")
    # "我每周五给您报一次持仓占比" (尹浩) … "行，那我这周先减三成，下周再看" (乔楠): two tasks, both due this Friday
    owners = {i.owner: i.due.date for i in minutes.action_items if i.due}
    assert owners["尹浩"] == owners["乔楠"] == dt.date(2026, 8, 21)


def test_a_reply_to_a_task_restated_after_other_business_joins_it():
    minutes = _minutes("zh_fresh3_credit_committee.txt")
    # "小王，刚才远洋追加抵押的事，国庆节后第一个工作日给我回复" — "好，节后第一天给您": one task, 王蕾's
    task = next(i for i in minutes.action_items if 32 in i.lines)
    assert task.owner == "王蕾" and 33 in task.lines and task.due.date == dt.date(2026, 10, 8)
    assert not [i for i in minutes.action_items if i.lines == [33]]


@pytest.mark.parametrize("said, date, clock", [
    ("明早九点前发我", "2026-06-11", "09:00"),
    ("明晚八点前弄完", "2026-06-11", "20:00"),
    ("今晚十点前给我", "2026-06-10", "22:00"),
    ("Please send it by end of day tomorrow.", "2026-06-11", ""),
    ("I need it by 9:30 tomorrow.", "2026-06-11", "09:30"),
    ("行，那我这周先减三成，下周再看。", "2026-06-12", ""),  # when it is looked at again is no deadline
])
def test_dates_and_times_said_the_way_people_say_them(said, date, clock):
    due = resolve_due(said, dt.date(2026, 6, 10))
    assert due is not None and due.date.isoformat() == date and due.time == clock


# -- who "你" is when someone else spoke in between ------------------------------------------------------
@pytest.mark.parametrize("name, line, owner, due", [
    # "鲍晓峰，…查清楚没有？" — "还有两张联系不上" — (左丹) "…是要报监管的" — "那你继续联系，下周二前…": 鲍晓峰's
    ("zh_crosstalk_bancassurance.txt", 8, "鲍晓峰", "2026-09-15"),
    # "岑经理，我这边有个事…" takes the floor: "你催一下总公司" is 柏宁's, and the report itself is no task
    ("zh_crosstalk_bancassurance.txt", 16, "柏宁", "2026-09-11"),
    # "我回去就整改。" — "行，你这周内整改完。左丹你把另外两个通报…": the offer taken with a date, then 左丹's own task
    ("zh_crosstalk_bancassurance.txt", 20, "卢静", "2026-09-11"),
    ("zh_crosstalk_bancassurance.txt", 22, "左丹", None),
    ("en_crosstalk_leasing_review.txt", 8, "Felix Grant", "2026-02-18"),  # "OK, go back to them…" after Maya's remark
    ("en_crosstalk_leasing_review.txt", 10, "Owen Reyes", "2026-02-13"),  # "Owen, Ivy needs the curves by Friday"
    ("en_crosstalk_leasing_review.txt", 14, "Owen Reyes", "2026-02-16"),  # "I can pull…" — "Good, do that by Monday."
    ("en_crosstalk_leasing_review.txt", 20, "Ivy Chen", "2026-02-25"),  # "Then please add a note…" after Felix's remark
])
def test_the_one_asked_keeps_the_floor_unless_someone_offers_or_raises_their_own_matter(name, line, owner, due):
    minutes = _minutes(name)
    task = next(i for i in minutes.action_items if line in i.lines)
    assert task.owner == owner and (task.due.date.isoformat() if task.due else None) == due
    assert 15 not in [n for i in minutes.action_items for n in i.lines if name.startswith("zh_")]  # "我这边有个事"


# -- another task for the same person is another task --------------------------------------------------
@pytest.mark.parametrize("name, lines", [
    # "詹晓玲，…不符点你再核一遍，周五前给我结论。" … "詹晓玲，下个月的外汇政策培训你准备一个课件。": two tasks
    ("zh_tasks_same_owner_trade_ops.txt", [[5, 6], [7], [8, 9], [10], [11, 12, 13]]),
    ("en_tasks_custody_ops.txt", [[5, 6], [7], [8, 9], [10, 11], [12, 13]]),
])
def test_a_second_task_for_the_same_person_is_listed_on_its_own(name, lines):
    assert [i.lines for i in _minutes(name).action_items] == lines


def test_a_deadline_relayed_from_head_office_goes_to_whoever_is_then_given_the_work():
    minutes = _minutes("zh_tasks_same_owner_trade_ops.txt")
    # "庞经理，总行说…十一月二十七号前报测试人员名单。" — "滕悦你来报名单": 滕悦's, with the date head office set
    task = next(i for i in minutes.action_items if 12 in i.lines)
    assert task.owner == "滕悦" and task.due.date == dt.date(2026, 11, 27) and 11 in task.lines
    assert not [i for i in minutes.action_items if i.owner == "庞立新"]


@pytest.mark.parametrize("line, owner, due", [
    (8, "Anita Roy", "2026-10-31"),  # "Action on Anita: refresh the fee schedule… by end of month"
    (10, "Sven Larsen", "2026-10-22"),  # "make sure the report is signed off by Thursday" is a task, not a decision
    (12, "Anita Roy", "2026-10-21"),  # "Anita, Sven needs the client list by tomorrow"
])
def test_tasks_said_as_actions_needs_and_make_sure(line, owner, due):
    minutes = _minutes("en_tasks_custody_ops.txt")
    task = next(i for i in minutes.action_items if line in i.lines)
    assert task.owner == owner and task.due.date.isoformat() == due
    assert not minutes.decisions


# -- a matter settled in plain words ---------------------------------------------------------------------
@pytest.mark.parametrize("name, line, words", [
    ("zh_settled_plainly_branch_ops.txt", 8, "就用原来那家"),  # two quotes discussed, then the chair picks one
    ("zh_settled_plainly_branch_ops.txt", 13, "统一至少开三个窗口"),  # a rule from now on; 五月一号起 is no deadline
    ("zh_settled_plainly_branch_ops.txt", 17, "五一假期改成每天一次"),  # kept for weekends, changed for the holiday
    ("en_settled_plainly_fx_desk.txt", 8, "keep the grid as it is"),
    ("en_settled_plainly_fx_desk.txt", 13, "Phased it is"),
    ("en_settled_plainly_fx_desk.txt", 17, "Mei covers the fixing desk"),  # "From next month, …"
])
def test_the_chair_settling_a_matter_in_plain_words_is_a_decision(name, line, words):
    assert words in _decided(_minutes(name), line)


def test_settling_words_from_someone_not_chairing_or_with_a_deadline_stay_what_they_are():
    minutes = _minutes("en_settled_plainly_fx_desk.txt")
    assert [(i.owner, i.lines) for i in minutes.action_items] == [("Carlos Ruiz", [14])]  # "I'll send … by Friday"
    assert not _decided(minutes, 10)  # "Phased is safer" is Mei's view, not the ruling
    minutes = _minutes("zh_settled_plainly_branch_ops.txt")
    task = next(i for i in minutes.action_items if 18 in i.lines)  # "俞晓你把排班表改一下，这周五前发给封磊"
    assert task.owner == "俞晓" and task.due.date == dt.date(2026, 4, 24)


# -- a date moved in the conversation ---------------------------------------------------------------------
@pytest.mark.parametrize("name, line, due, clock", [
    ("zh_dates_moved_leasing.txt", 5, "2026-07-22", ""),  # "这周五出不来…下周三吧" — "好。"
    ("zh_dates_moved_leasing.txt", 8, "2026-07-16", "12:00"),  # "十二点前可以吗？" keeps tomorrow, changes the hour
    ("zh_dates_moved_leasing.txt", 11, "2026-07-20", ""),  # "算了…不着急，下周一前弄完也行": the giver lets it wait
    ("en_dates_moved_trade_desk.txt", 5, "2026-09-11", ""),  # "Could I have until Friday?" — "Sure."
    ("en_dates_moved_trade_desk.txt", 8, "2026-09-09", "14:00"),  # "Can we say 2pm?" — "OK, 2pm."
    ("en_dates_moved_trade_desk.txt", 11, "2026-09-15", ""),  # "Actually, no rush on that, next Tuesday is fine."
])
def test_a_date_moved_in_the_conversation_is_the_tasks_date(name, line, due, clock):
    task = next(i for i in _minutes(name).action_items if line in i.lines)
    assert task.due.date.isoformat() == due and task.due.time == clock
    assert len(task.lines) == 3  # asked, answered, settled: one task


@pytest.mark.parametrize("said, date, clock", [
    ("by noon", "2026-06-10", "12:00"),
    ("Can you send it by 2 p.m.?", "2026-06-10", "14:00"),
    ("I'll have it by half past two.", "2026-06-10", "14:30"),
    ("by 3 this afternoon", "2026-06-10", "15:00"),
    ("before 5 on Friday", "2026-06-12", "17:00"),
    ("明天中午给我", "2026-06-11", "12:00"),
])
def test_times_of_day_in_english_and_noon_in_chinese(said, date, clock):
    due = resolve_due(said, dt.date(2026, 6, 10))
    assert due is not None and due.date.isoformat() == date and due.time == clock


# -- a recogniser's transcript: spaces for punctuation, 发言人/说话人 labels -----------------------------------
def test_a_recognisers_spaces_do_not_turn_yixia_into_next_week():
    # "资料不全的那三户你去补一下 周五之前补齐": 一下 is "a little", the Friday is this week's
    task = next(i for i in _minutes("zh_asr_spaces_account_opening.txt").action_items if 4 in i.lines)
    assert task.owner == "发言人2" and task.due.date == dt.date(2026, 6, 12)
    for said, date in [("你去补一下周五之前补齐", "2026-06-12"), ("看一下下周五之前", "2026-06-19")]:
        assert resolve_due(said, dt.date(2026, 6, 10)).date.isoformat() == date


def test_a_report_of_a_visitor_and_a_closing_line_give_no_task():
    minutes = _minutes("zh_asr_spaces_account_opening.txt")
    assert not [i for i in minutes.action_items if 6 in i.lines]  # "我这边有个客户要开基本户 明天上午过来"
    notify = next(i for i in minutes.action_items if 14 in i.lines)  # "那我去通知一下各个网点" — "好 今天就这样"
    assert notify.owner == "发言人2" and notify.due is None and 15 not in notify.lines


def test_who_is_made_the_contact_is_a_decision():
    assert "对接人就定说话人B" in _decided(_minutes("zh_asr_labels_post_loan.txt"), 9)


# -- notes written up after a call ---------------------------------------------------------------------
@pytest.mark.parametrize("line, owner, due", [
    (7, "蔡总", "2026-06-12"),  # "包振国提出…，蔡总表示需要和家人商量，周五前给答复": the one the clause before is about
    (8, "蔡总", "2026-06-15"),  # "肖雯提醒蔡总把…准备好，下周一一起提交": the one reminded
    (10, "包振国", "2026-06-19"),  # "包振国会后将向审批部汇报，争取下周内出审批意见"
    (13, "肖雯", "2026-06-11"),  # "蔡总问…，肖雯答复需要请示后回复，明天上午给蔡总答复"
])
def test_in_notes_of_a_call_the_deadline_belongs_to_whom_the_clause_before_is_about(line, owner, due):
    task = next(i for i in _minutes("zh_phone_notes_extension_textile.txt").action_items if line in i.lines)
    assert task.owner == owner and task.due.date.isoformat() == due


def test_english_from_a_recogniser_an_offer_dated_by_the_chair_and_a_ruling_with_a_task_in_one_breath():
    minutes = _minutes("en_asr_branch_audit_findings.txt")
    # "i can take those" — "great do that by end of next week"
    paperwork = next(i for i in minutes.action_items if 6 in i.lines)
    assert paperwork.owner == "Speaker 3" and paperwork.due.date == dt.date(2026, 6, 19) and 7 in paperwork.lines
    # "agreed lets do the retraining in july speaker 2 can you book the trainer": decided, and a task for Speaker 2
    assert "retraining in july" in _decided(minutes, 11).lower()
    trainer = next(i for i in minutes.action_items if 11 in i.lines)
    assert trainer.owner == "Speaker 2" and trainer.due.date == dt.date(2026, 6, 12)


# -- statements that give nobody work ---------------------------------------------------------------------
@pytest.mark.parametrize("name, task_lines", [
    # a client's promise, a training week, a system outage, a hope, a condition, a habit, where to find someone
    ("zh_statements_not_tasks_retail.txt", [[12, 13]]),
    ("en_statements_not_tasks_cards.txt", [[10, 11]]),
])
def test_reports_plans_habits_and_absences_are_no_tasks_or_decisions(name, task_lines):
    minutes = _minutes(name)
    assert len(minutes.action_items) == len(task_lines)
    assert all(set(i.lines) & set(lines) for i, lines in zip(minutes.action_items, task_lines))
    assert not minutes.decisions  # "升级期间手机银行暂停" is announced by a member, not decided


# -- a task turned down or pointed at a colleague --------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    # "要不让刘洋先做？" — "行，刘洋你接一下"; "李娜之前做过，能不能让她来？" — (李娜) "我可以，但要到下周三" — "那就李娜做";
    # "这个原来是陈晓东在跟的" — (陈晓东) "对，我来吧，明天下班前给您"
    ("zh_reassign_deflected_personal_loans.txt", [("王芳", "2026-06-18"), ("刘洋", "2026-06-12"), ("李娜", "2026-06-17"),
                                                  ("陈晓东", "2026-06-11")]),
    # "I'm on leave next week" — "Then Tom, you take it, same date"; "Could Tom do it?" — (Tom) "I can, but not before
    # Tuesday" — "Fine, Tom, by Tuesday then"; "Tom's been handling that one" — (Tom) "Yes, I'll send it tomorrow"
    ("en_reassign_deflected_advisory.txt", [("Tom Baker", "2026-06-18"), ("Tom Baker", "2026-06-16"), ("Tom Baker", "2026-06-11")]),
])
def test_a_task_pointed_at_a_colleague_goes_to_them_once_listed_once(name, expected):
    minutes = _minutes(name)
    assert [(i.owner, i.due.date.isoformat()) for i in minutes.action_items] == expected


def test_a_deputy_called_by_title_is_one_attendee():
    path = DEVSET / "zh_titles_deputy_governor_quarterly.txt"
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    # "王副行长：" speaks for 王建华（副行长）; "王行" is him too, not 王丽（财务部经理）; "王总" fits neither: never guessed
    assert list(transcript.attendees) == ["郑国强", "王建华", "王丽", "林涛", "Amy Zhou", "徐晓明"]
    assert transcript.attendees.resolve("王副行长") == transcript.attendees.resolve("王行") == "王建华"
    assert transcript.attendees.resolve("王总") == ""
    task = next(i for i in _minutes(path.name).action_items if 8 in i.lines)
    assert task.owner == "王建华" and task.due.date == dt.date(2026, 6, 19)


def test_a_change_board_approving_deferring_and_scheduling_in_mixed_language():
    minutes = _minutes("mixed_cab_payment_gateway.txt")
    # "P3的先不修，放到下个迭代。这个变更approve，周六凌晨两点按计划上。": two rulings on one line
    assert "放到下个迭代" in _decided(minutes, 8) and "按计划上" in _decided(minutes, 8)
    assert "就下周日凌晨" in _decided(minutes, 15)  # "我建议放到下周日凌晨" — "可以，就下周日凌晨"
    assert [(i.owner, i.due.date.isoformat(), i.due.time) for i in minutes.action_items] == [
        ("Jason", "2026-06-12", "17:00"), ("Vivian", "2026-06-15", "10:00"), ("石磊", "2026-06-12", "")]


def test_colloquial_speech_this_weeks_libai_and_xiaode_le():
    minutes = _minutes("zh_colloquial_branch_slang.txt")
    materials = next(i for i in minutes.action_items if 6 in i.lines)  # "你催一催，这礼拜弄齐"
    assert materials.owner == "苗苗" and materials.due.date == dt.date(2026, 6, 12)
    atm = next(i for i in minutes.action_items if 8 in i.lines)  # "大刘，ATM那边你盯着点" — "晓得了。"
    assert atm.owner == "大刘" and 9 in atm.lines


def test_a_client_call_where_the_client_promises_in_two_sentences_and_is_asked_when_to_answer():
    minutes = _minutes("en_call_working_capital_northwind.txt")
    on_8 = [(i.owner, i.due.date.isoformat()) for i in minutes.action_items if 8 in i.lines]
    # "The management accounts I can get you this week. The ageing will take a bit longer, maybe the 19th."
    assert on_8 == [("Peter Walsh", "2026-06-12"), ("Peter Walsh", "2026-06-19")]
    # "I'll check with our lawyers…" — "Understood. Could you let us know by Monday?" — "Yes, I'll come back to you Monday."
    lawyers = next(i for i in minutes.action_items if 11 in i.lines)
    assert lawyers.owner == "Peter Walsh" and lawyers.due.date == dt.date(2026, 6, 15) and {12, 13} <= set(lawyers.lines)
    # "The 19th works for us." speaks for the bank: Arjun's "…the contract you mentioned" is asked of Peter
    assert next(i for i in minutes.action_items if 10 in i.lines).owner == "Peter Walsh"


@pytest.mark.parametrize("name, line, words", [
    ("zh_committee_alco_formal_minutes.txt", 6, "下调十个基点"),  # "会议议定，…"
    ("en_committee_credit_risk_formal_minutes.txt", 6, "reduced to 50 million"),  # "It was resolved that …"
])
def test_formal_minutes_record_decisions_as_resolved(name, line, words):
    assert words in _decided(_minutes(name), line)


@pytest.mark.parametrize("said, date", [
    ("放假前报给我", "2026-09-24"),  # the next holiday: 中秋, 9月25日起
    ("十一之前把消防检查做了", "2026-09-30"),
    ("国庆假期前弄完", "2026-09-30"),
    ("the first working day after the holiday", "2026-09-28"),
    ("the first working day after the National Day holiday", "2026-10-08"),
])
def test_holidays_said_every_way_resolve_from_the_calendar(said, date):
    assert resolve_due(said, dt.date(2026, 9, 15)).date.isoformat() == date
    assert resolve_due("正月十五前给我", dt.date(2026, 1, 20)).date == dt.date(2026, 3, 2)  # 元宵 2026-03-03


def test_a_branch_planning_the_long_holidays():
    minutes = _minutes("zh_holiday_words_branch_autumn.txt")
    assert [(i.owner, i.due.date.isoformat()) for i in minutes.action_items] == [
        ("蓝晶", "2026-09-24"), ("俞国栋", "2026-09-30"), ("邵佳", "2026-09-24")]
    assert "全部窗口都开" in _decided(minutes, 11)  # "要不要多开两个窗口？" — "可以，…全部窗口都开"


@pytest.mark.parametrize("said", [
    "我们选的那个供应商上个月出了问题。",  # a report
    "以后大家都注意一下，别再出错了。",  # an exhortation
    "Let's keep it short today.",  # the meeting's own logistics
    "Going forward, I think we need more data.",  # an opinion
    "Let's take the next item.",
])
def test_the_chairs_report_exhortation_opinion_or_logistics_settles_nothing(said):
    from analyst_desk.core.meeting.rulings import settles

    zh = not said.isascii()
    header = "周会\n时间：2026年6月10日 9:00\n参会：高建军（主持）、李娜\n\n" if zh else \
        "Sync\nDate: 10 June 2026\nAttendees: Mark Chen (Chair), Sarah Lee\n\n"
    chair, member = ("高建军", "李娜") if zh else ("Mark", "Sarah")
    text = header + f"{member}：我说一下情况。\n{chair}：嗯。\n{chair}：{said}\n" if zh else \
        header + f"{member}: A quick update from me.\n{chair}: Right.\n{chair}: {said}\n"
    transcript = parse_transcript(text)
    assert not settles(said, transcript.line(7), transcript)


@pytest.mark.parametrize("name, line, words", [
    ("zh_asr_no_colon_deposit.txt", 8, "减半"),  # "他们想要手续费全免" — "手续费可以减半全免不行你下周二之前再去谈一次"
    ("mixed_fresh3_incident_review.txt", 20, "如实"),  # "…可以吗？" — "不建议…" — "对，话术如实写：…"
    ("mixed_english_name_labels_release.txt", 7, "带着上"),  # "三个bug没close，都是低优先级的" — "低优先级的可以带着上"
])
def test_rulings_the_dev_set_missed_with_keyi_buxing_and_dui(name, line, words):
    minutes = _minutes(name)
    assert words in _decided(minutes, line)
    assert [i for i in minutes.action_items if line in i.lines]  # the task said in the same breath is kept


def test_short_directives_the_one_named_after_who_will_and_you_before_i():
    minutes = _minutes("zh_short_directives_corporate.txt")
    # "客户的尽调报告谁写？" — "我最近手上事多。" — "小陈你写。": 陈晓东's, the question and the answers with it
    report = next(i for i in minutes.action_items if 7 in i.lines)
    assert report.owner == "陈晓东" and report.lines == [5, 6, 7, 8]
    # "客户那边要一份授信意向书。" — "你起草一个，我签字。": 王芳 drafts, the chair only signs
    assert next(i for i in minutes.action_items if 14 in i.lines).owner == "王芳"
