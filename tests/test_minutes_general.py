"""Minutes of meetings the rules were not written from: our own small transcripts in other voices
(tests/data/meeting/general) — ASR text with spaces for punctuation, an English client call, a wealth
team calling each other 何姐 / 小陈 / 老李, a change board in mixed Chinese and English, third-person
phone notes, a decline and a moved date in English, and holiday deadlines.

Each test lists every task the meeting gives (owner, due date, the lines it spans) and its decisions:
an extra or a missing item fails it. Pure rules, no model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_docs import DATA

GENERAL = DATA / "general"


def _read(name: str):
    path = GENERAL / name
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    return transcript, find_items(transcript, transcript.date)


def _tasks(found) -> list[tuple[str, str, str]]:
    out = []
    for item in found:
        if item.kind == "action":
            due = item.due.date.isoformat() + (f"T{item.due.time}" if item.due.time else "") if item.due else ""
            out.append((item.owner, due, min(item.lines)))
    return out


def _decision_lines(found) -> list[int]:
    return [min(item.lines) for item in found if item.kind == "decision"]


# name → (attendees, [(owner, due, first line)], [first line of each decision])
CASES = {
    "zh_asr_spaces_payroll.txt": (
        ["说话人1", "说话人2", "说话人3"],
        [("说话人2", "2026-09-15", 9),  # "那我明天跟他们财务说一下" tells the client: a task, not a turn to speak
         ("说话人3", "2026-09-22", 11)],  # "周五有点紧 下周二行不行" — "行 那就下周二": moved
        [7]),
    "en_call_working_capital.txt": (
        ["Priya Nair", "Daniel Osei", "Grace Liu"],
        [("Grace Liu", "2026-03-20", 8),  # "by end of next week"
         ("Daniel Osei", "2026-03-12", 9),  # "by EOD Thursday"
         ("Priya Nair", "2026-03-16", 13),  # "first thing Monday"
         ("Grace Liu", "2026-03-24", 14)],  # "who's chasing…?" — "Leave it with me, you'll have it in two weeks"
        [11]),
    "zh_wealth_nicknames.txt": (
        ["何丽娟", "陈晓", "李建国", "王蓓", "赵一鸣"],
        [("陈晓", "2026-05-27", 7),  # 小陈
         ("李建国", "2026-05-21", 11),  # 老李 asked, answered, then "行，周四前给我个准信" to him
         ("王蓓", "2026-05-31", 12),  # "运营主管那边" — the header's role
         ("赵一鸣", "2026-05-22", 15)],  # 一鸣
        [16]),
    "mixed_cab_batch_change.txt": (
        ["孙磊", "Kevin Zhao", "周敏", "郑浩", "林嘉怡"],
        [("周敏", "2026-11-05T17:00", 7),
         ("郑浩", "2026-11-06T12:00", 9),  # "周五中午前给我过一下" is a deadline, not an agenda line
         ("林嘉怡", "2026-11-04", 11),  # "Jenny 这边…明天给到 Kevin"
         ("Kevin Zhao", "2026-11-07", 14)],
        [13]),
    "zh_phone_notes_renewal.txt": (
        ["黄志强", "钱芳"],  # "参与：客户经理 黄志强；鑫达建材 财务总监 钱芳"
        [("钱芳", "2026-04-13", 6),  # "报表已出" is a fact; "下周一前可以发过来" a promise in the same sentence
         ("黄志强", "2026-04-10", 8)],
        []),
    "en_ops_decline_reassign.txt": (
        ["Mark Evans", "Sofia Rossi", "Tom Becker", "Aiko Tanaka"],
        [("Tom Becker", "2026-06-05", 5),  # declined by Sofia, taken by Tom: one task, Tom's
         ("Aiko Tanaka", "2026-06-19", 11),  # "The 15th is tight. Could we say the 19th?" — "OK, the 19th."
         ("Sofia Rossi", "2026-06-03", 15)],
        [14]),
    "zh_holidays_retail.txt": (
        ["冯涛", "蒋雪", "邓超", "曹宁"],
        [("蒋雪", "2026-09-24", 7),  # 中秋节前: the last working day before 2026-09-25
         ("邓超", "2026-10-08", 9),  # 国庆后第一个工作日, given to him on the next line ("这个你负责")
         ("曹宁", "2026-09-16", 11)],
        [12]),
    "zh_counter_team_handover.txt": (
        ["韩冬", "沈佳", "袁立", "程一帆"],
        [("袁立", "2026-03-03T15:00", 6),  # 佳姐 cannot ("脱不开身，让袁立陪吧"), "那袁立去": his, "三点到" is 15:00
         ("程一帆", "2026-03-04", 13)],  # "要是周五前还补不上…" is a condition, not a task; his promise is
        [14]),  # "从下周起改成两班倒，大家没意见吧？" — "没意见" — "那就这么定了"
    "zh_phone_notes_collateral.txt": (
        ["罗斌", "邵芸", "付总"],  # the title line "电话沟通纪要：…" is nobody
        [("付总", "2026-08-12", 7),  # "付总同意先提供…下周三前发给罗斌": agreeing to do it by a date is his task
         ("罗斌", "2026-08-05", 8)],  # "罗斌会后把…整理给付总，明天下班前"
        [9]),
    "mixed_release_board_rulings.txt": (
        ["蒋磊", "Oliver Grant", "谢婷", "Hannah Cole"],
        [("Oliver Grant", "2026-10-17", 11),  # "周六晚上我自己在" answers the chair's "你留个人"
         ("Hannah Cole", "2026-10-12", 12)],  # "this afternoon"
        [9, 13]),  # the chair rules on "要不要…？"; "Let's go with…, and we revisit…" is decided, not open
    "zh_committee_junior_and_backref.txt": (
        ["方振华", "赵立新", "赵楠", "彭程"],
        [("赵楠", "2026-12-18", 9),  # 小赵 is the 客户经理, not the 总经理; "刚才…的事，下周五前" dates the same task
         ("彭程", "2026-12-08", 14)],  # "会议纪要彭程整理一下" — "给您" only receives it
        [11]),  # "今天不表决" is what the committee decided; "维持2亿我不同意" is an objection
    "zh_ops_review_dialogue.txt": (
        ["邱明", "白露", "常浩", "温雅", "潘越"],
        [("白露", "2026-11-17", 8),  # asked, answered, then told; moved later by "改成明天下班前吧"
         ("常浩", "2026-11-20", 10),  # "我会后找他" — "行，时间表周五前给我": the giver sets the date
         ("温雅", "2026-11-20", 14)],  # "周五前给您可以吗？" — "可以，那就周五"
        [18]),  # "下周起…大家同意吗？" — "常浩克服一下，就这么定了"; "潘越你先坐" and a habit are no tasks
    "en_asr_card_ops.txt": (  # a recogniser's English: no capitals, no apostrophes, days spelt out
        ["SPEAKER_01", "SPEAKER_02", "SPEAKER_03"],
        [("SPEAKER_02", "2026-04-22", 6),
         ("SPEAKER_03", "2026-04-24", 10),  # "fine ill set up the pilot before the twenty fourth"
         ("SPEAKER_01", "2026-04-21", 11)],  # "im going to brief…tomorrow"
        [9]),  # "lets go with a pilot…"
    "en_loan_ops_moves.txt": (
        ["Rosa Diaz", "Omar Khalil", "Ben Carter"],
        [("Ben Carter", "2026-05-28", 5),  # "I'll try, but…" — "Then Thursday EOD." (Thursday, not today)
         ("Omar Khalil", "2026-06-03", 9)],  # "Actually, Omar — …can wait until June 3" moves his task
        []),
    "mixed_outage_followup.txt": (
        ["柏涛", "柯宇", "伍佳", "毛琪"],  # "柯宇(Kyle)（网络组）": two parentheses, one person called Kyle
        [("柯宇", "2026-03-12", 7),
         ("伍佳", "2026-03-13", 10),  # "…放到周五吧" moves it; it stays 伍佳's
         ("柯宇", "2026-03-10", 15)],  # "Kyle你汇总一下": not handed over from 伍佳's task
        [12]),  # "要不要报人行？" — "要报。"
    "zh_corporate_namesakes.txt": (
        ["齐峰", "杨帆", "杨晓", "米兰"],
        [("杨晓", "", 7),  # 小杨 is the 客户经理, 老杨 the 资深客户经理
         ("米兰", "2026-06-11", 10)],  # the task inside the decision; "下周一前给您吧？" — "这周四"
        [10]),  # "批了没有？" — "批了，上周五…签的" reports a decision made elsewhere
    "en_pricing_committee.txt": (
        ["Helen Park", "Raj Mehta", "Lucy Adams"],
        [("Raj Mehta", "", 11),  # "Raj, bring a repricing proposal…": an instruction with no date is still a task
         ("Lucy Adams", "2026-09-11", 13)],  # "And Lucy, update the SME rate card by end of next week."
        [8, 10]),  # "the committee approves…"; "Can we also waive…?" — "No. The fee stays…"
    "zh_asr_long_turns.txt": (  # long unpunctuated turns, several tasks in one
        ["发言人1", "发言人2", "发言人3"],
        [("发言人2", "2026-10-21", 5),  # "我打算这周三带着法务上门一趟"
         ("发言人3", "2026-10-20", 7),  # "…然后发言人3你把…复印一份周二之前给发言人2"
         ("发言人3", "2026-11-04", 7),  # "另外营销活动的方案也是你来牵头…" — "方案下周五有点赶" — "那就再下周三吧"
         ("发言人2", "2026-10-19", 15)],
        [15]),
    "en_call_refinancing.txt": (  # "Participants: A (role); B (role)" header
        ["Chloe Martin", "Arjun Rao", "Peter Halden"],
        [("Peter Halden", "2026-06-12", 10),  # "Peter, we'll need … from you by close of play Friday"
         ("Chloe Martin", "2026-06-15", 12),  # "Action on me to circulate … by mid-June"
         ("Arjun Rao", "2026-06-11", 13),  # "in the next couple of days"
         ("Chloe Martin", "2026-06-10", 15)],  # "Let me check … and come back to you COB tomorrow": hers, not Peter's
        [9]),  # "so we're aligned on a five-year tenor"
    "zh_holidays_spring_festival.txt": (
        ["戴军", "任静", "孔亮", "包蕾"],
        [("任静", "2026-02-12", 6),  # 春节前三个工作日: 2-14 (a 调休 Saturday), 2-13, 2-12
         ("孔亮", "2026-02-14", 8),  # 年前: the last working day before the Spring Festival
         ("包蕾", "2026-03-02", 11)],  # 元宵节前 (2026-03-03 is 元宵), given inside the chair's "要订"
        [11, 13]),
    "mixed_itops_standup.txt": (
        ["曾凡", "Alex Wang", "蔡琳", "陶然"],
        [("Alex Wang", "2026-08-17", 7),  # "EOD 给我，明天 standup 之前要有结论" — "今晚之前发": the earlier date
         ("蔡琳", "2026-08-18", 10),  # her "我尽量周二搞定" keeps it hers
         ("陶然", "2026-08-20", 13)],  # a new task for 陶然, not 蔡琳's handed over
        [15]),
    "zh_phone_notes_followups.txt": (  # notes with a to-do list: "1. 卢娜：…", "责任人：…", "由白杨于…"
        ["白杨", "葛亮", "卢娜"],
        [("卢娜", "2026-03-12", 9), ("葛亮", "2026-03-13", 10), ("白杨", "2026-03-06", 11)],
        []),
    "zh_colloquial_branch_nicknames.txt": (
        ["杜建华", "王丽", "孙小雨", "陈嘉怡", "欧阳帅"],
        [("王丽", "2026-04-30", 7),  # 丽姐
         ("陈嘉怡", "2026-04-29", 11),  # Jenny asked, answered, then "那下周三前一定要回访到"
         ("孙小雨", "2026-04-27", 13),  # "小雨，…交给你了" — "周一上午去"
         ("欧阳帅", "2026-04-30", 15)],  # 欧阳 (a two-character surname)
        []),
    "en_minutes_actions_table.txt": (  # "ACTION:", "Owner:" are labels, not people
        ["Laura Kim", "Ethan Brooks", "Sara Nunez", "Ivan Petrov"],
        [("Ethan Brooks", "2026-02-19", 11), ("Sara Nunez", "2026-02-20", 12),
         ("Ivan Petrov", "2026-02-28", 13),  # "- Ivan: pull the … data, end of month"
         ("Laura Kim", "2026-02-23", 14)],  # "Owner: Laura Kim | Task: … | Due: next Monday"
        [7]),
    "en_call_closing_vocatives.txt": (
        ["Rachel Kim", "Omar Haddad", "Lena Fischer"],
        [("Lena Fischer", "2026-06-12", 5),  # "We need … by Friday, Lena." — the name closes the line
         ("Omar Haddad", "2026-06-16", 7),
         ("Lena Fischer", "2026-06-20", 8)],  # "would it be possible to…? Ideally by the 20th."
        [10]),  # "we are going with…"
    "zh_pasted_followup_request.txt": (  # pasted from a chat: a second request, no name and no date, then the reply
        ["李娜", "王强"],
        [("王强", "2026-06-10", 5),  # "王强，企业的纳税证明你周三前交给我" — "好的，周三前给您"
         ("王强", "2026-06-30", 7)],  # "好的，另外请提供…明细" — "没问题，月底前发给李娜": a task of its own, the replier's
        []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_minutes_of_a_meeting_in_a_voice_the_rules_were_not_written_from(name):
    attendees, tasks, decisions = CASES[name]
    transcript, found = _read(name)
    assert list(transcript.attendees) == attendees
    assert _tasks(found) == tasks
    assert _decision_lines(found) == decisions


def test_a_moved_date_keeps_the_lines_of_the_ask_the_excuse_and_the_answer():
    _, found = _read("en_ops_decline_reassign.txt")
    aiko = next(item for item in found if item.kind == "action" and item.owner == "Aiko Tanaka")
    assert aiko.lines == [11, 12, 13]
    assert aiko.due.date == dt.date(2026, 6, 19)


def test_a_task_said_by_one_person_and_given_to_them_on_the_next_line_is_one_item():
    _, found = _read("zh_holidays_retail.txt")
    deng = [item for item in found if item.kind == "action" and item.owner == "邓超"]
    assert len(deng) == 1 and deng[0].lines == [9, 10]


def test_a_declined_task_goes_to_the_colleague_suggested_once_the_giver_agrees():
    _, found = _read("zh_counter_team_handover.txt")
    tasks = [item for item in found if item.kind == "action" and 6 in item.lines]
    assert len(tasks) == 1 and tasks[0].owner == "袁立" and tasks[0].lines == [6, 7, 8, 9]


def test_a_start_date_is_not_a_deadline():
    from analyst_desk.core.meeting.dates import resolve_due

    monday = dt.date(2026, 3, 2)
    assert resolve_due("从下周起改成两班倒", monday) is None
    assert resolve_due("下个月开始晨会改到八点二十", monday) is None
    assert resolve_due("Starting next Monday the cut-off is 4pm", monday) is None
    assert resolve_due("下周一前把排班表发我", monday).date == dt.date(2026, 3, 9)  # a deadline still is one


def test_a_task_recalled_later_with_its_date_is_one_task_with_both_lines():
    _, found = _read("zh_committee_junior_and_backref.txt")
    zhao = [item for item in found if item.kind == "action" and item.owner == "赵楠"]
    assert len(zhao) == 1 and {9, 12, 13} <= set(zhao[0].lines)


def test_replies_and_later_moves_join_the_task_they_answer():
    _, found = _read("zh_ops_review_dialogue.txt")
    tasks = {item.owner: item for item in found if item.kind == "action"}
    assert tasks["白露"].lines == [8, 9, 17]  # "我今天就发给温雅" only hands it to 温雅
    assert tasks["常浩"].lines == [10, 11, 12]
    assert tasks["温雅"].lines == [14, 15, 16]
    decision = next(item for item in found if item.kind == "decision")
    assert "四点" in decision.sentence and decision.lines == [18, 20]


def test_a_day_spelt_out_by_a_speech_recogniser_is_a_date_and_the_first_draft_is_not():
    from analyst_desk.core.meeting.dates import resolve_due

    tuesday = dt.date(2026, 8, 11)
    assert resolve_due("get the renewal docs signed before the twenty eighth", tuesday).date == dt.date(2026, 8, 28)
    assert resolve_due("by the fifth", tuesday).date == dt.date(2026, 9, 5)  # the 5th has passed: next month's
    assert resolve_due("send the first draft", tuesday) is None


@pytest.mark.parametrize("said", ["华姐，我下周一要去总行考试，培训那天我不在。", "啊？我月底要休年假的。",
                                  "知道，厂商说是驱动的问题，说下周出补丁。"])
def test_an_excuse_or_what_a_vendor_said_is_no_task(said):
    text = f"时间：2026年11月17日\n参会人员：黄丽华、齐小满\n黄丽华：说两句就散。\n齐小满：{said}\n"
    transcript = parse_transcript(text)
    assert [f for f in find_items(transcript, transcript.date) if f.kind == "action"] == []


def test_a_rule_set_for_the_team_is_a_decision():
    text = "时间：2026年11月17日\n参会人员：黄丽华、施伟\n黄丽华：最后定个事：从下周起，所有大额退汇当天必须在台账登记。\n施伟：同意。\n"
    transcript = parse_transcript(text)
    assert [f.lines for f in find_items(transcript, transcript.date) if f.kind == "decision"] == [[3]]


def test_a_promise_after_the_closing_words_is_still_a_task():
    text = "时间：2026年3月24日\n参会人员：沈悦、顾明远\n顾明远：好的。\n沈悦：好的顾总，那今天就先到这，我会后把今天的纪要发到您邮箱。\n"
    transcript = parse_transcript(text)
    assert [(f.owner, f.lines) for f in find_items(transcript, transcript.date) if f.kind == "action"] == [("沈悦", [4])]


def test_agreed_in_the_passive_in_call_notes_is_a_decision_and_its_ratification_one_more_line():
    notes = ("Call note\nDate: 2026-06-02\nAttendees: Nina Petrov, Sam Okafor\n"
             "It was agreed that the renewal will run for two years rather than three.\n")
    transcript = parse_transcript(notes)
    assert [f.lines for f in find_items(transcript, transcript.date) if f.kind == "decision"] == [[4]]
    talk = "时间：2026年3月24日\n参会人员：沈悦、顾明远\n沈悦：那就按资金信托加保险金信托组合的方式来做。\n顾明远：可以，就这么定。\n"
    transcript = parse_transcript(talk)
    assert [f.lines for f in find_items(transcript, transcript.date) if f.kind == "decision"] == [[3, 4]]


def test_a_ruling_with_a_task_in_it_unpunctuated_gives_both():
    text = ("会议录音 2026年3月10日\n发言人1：今天说一下那个分期的事\n发言人2：那这个分期方案要不要上贷审会\n"
            "发言人1：要上的你把方案写好月底前上会\n发言人2：嗯好的\n")
    transcript = parse_transcript(text)
    found = find_items(transcript, transcript.date)
    assert [f.lines for f in found if f.kind == "decision"] == [[4]]
    assert [(f.owner, f.due.date, f.lines) for f in found if f.kind == "action"] == [
        ("发言人2", dt.date(2026, 3, 31), [4, 5])]


def test_what_the_chair_would_like_to_cover_is_the_agenda_not_a_task():
    text = ("Call\nDate: 2026-04-13\nAttendees: Daniel Brooks, Mark Feld\n"
            "Daniel Brooks: Morning all. Mark, thanks for dialling in. I'd like to cover the numbers and the reset you asked about.\n"
            "Mark Feld: Sure. Q1 was soft.\n")
    transcript = parse_transcript(text)
    assert find_items(transcript, transcript.date) == []


def test_a_month_part_in_english_is_a_date_only_when_it_is_a_deadline():
    from analyst_desk.core.meeting.dates import resolve_due

    tuesday = dt.date(2026, 6, 9)
    assert resolve_due("circulate it by mid-June", tuesday).date == dt.date(2026, 6, 15)
    assert resolve_due("send it by end of September", tuesday).date == dt.date(2026, 9, 30)
    assert resolve_due("the policy lapses at the end of March", tuesday) is None


def test_speaker_labels_with_a_role_or_in_bold_are_speakers_and_the_role_calls_them():
    text = ("周会\n时间：2026年5月6日\n参会人员：刘倩、王强\n刘倩（风险部）：王强你下周一前把报告发我。\n"
            "**王强**：好的，下周一前发。\nOmar Haddad (credit): I'll check the covenants by Friday.\n结论（暂定）：维持原方案。\n")
    transcript = parse_transcript(text)
    assert [line.speaker for line in transcript.lines[3:6]] == ["刘倩", "王强", "Omar Haddad"]
    assert list(transcript.attendees) == ["刘倩", "王强", "Omar Haddad"]  # 结论 is no one
    assert transcript.attendees.resolve("风险部") == "刘倩"
    tasks = [(f.owner, f.due.date) for f in find_items(transcript, transcript.date) if f.kind == "action"]
    assert tasks == [("王强", dt.date(2026, 5, 11)), ("Omar Haddad", dt.date(2026, 5, 8))]


def test_a_recognisers_labels_in_other_shapes_are_speakers():
    text = ("录音 2026年5月6日\n说话人A：好那我们开始\nSpeaker B: ok sounds good\n[00:01:23.450] 发言人1：我明天发给你\n"
            "00:02:10 发言人2 我下周一去\n发言人3 00:02:30.120\n我周三交\n讲话人1：好的\n")
    transcript = parse_transcript(text)
    assert list(transcript.attendees) == ["说话人A", "Speaker B", "发言人1", "发言人2", "发言人3", "讲话人1"]
    assert transcript.line(4).timestamp == "00:01:23.450" and transcript.line(5).text == "我下周一去"
    tasks = [(f.owner, f.due.date) for f in find_items(transcript, transcript.date) if f.kind == "action"]
    assert tasks == [("发言人1", dt.date(2026, 5, 7)), ("发言人2", dt.date(2026, 5, 11)), ("发言人3", dt.date(2026, 5, 13))]


@pytest.mark.parametrize("header, people", [
    ("Date & time: 12 March 2026, 10:00\nAttendees (3): Ann Lee, Bob Stone, Cara Diaz", ["Ann Lee", "Bob Stone", "Cara Diaz"]),
    ("会议时间：2026.3.12 上午10点\n出席（4人）：张三（主持）、李四、王五、赵六", ["张三", "李四", "王五", "赵六"]),
    ("When: Thursday 2026-03-12\nOn the call:\n- Ann Lee (ops)\n- Bob Stone", ["Ann Lee", "Bob Stone"]),
])
def test_header_keys_with_a_count_and_people_listed_one_a_line_are_read(header, people):
    transcript = parse_transcript(f"Weekly\n{header}\n\n{people[0]}：ok.\n")
    assert transcript.date == dt.date(2026, 3, 12)
    assert list(transcript.attendees) == people


@pytest.mark.parametrize("said, date, clock", [
    ("by 3pm Friday", "2026-06-12", "15:00"), ("by noon tomorrow", "2026-06-10", "12:00"),
    ("by 10am on Monday", "2026-06-15", "10:00"), ("by next Friday noon", "2026-06-19", "12:00"),
    ("下个月10号前", "2026-07-10", ""), ("三季度末前", "2026-09-30", ""), ("by end of Q3", "2026-09-30", ""),
])
def test_times_before_the_day_and_numbered_quarters_and_next_months_days(said, date, clock):
    from analyst_desk.core.meeting.dates import resolve_due

    due = resolve_due(said, dt.date(2026, 6, 9))
    assert (due.date.isoformat(), due.time) == (date, clock)
    assert due.words.replace(" ", "") in said.replace(" ", "")  # the words said, so the minutes can show them


def test_a_quarter_named_in_passing_is_no_date():
    from analyst_desk.core.meeting.dates import resolve_due

    assert resolve_due("I'd like to cover the Q1 numbers", dt.date(2026, 6, 9)) is None


def test_a_speaker_label_that_fits_two_attendees_owns_nothing_and_is_flagged():
    text = ("Sync\nDate: 2026-06-09\nAttendees: Daniel Brooks, Dana White\n"
            "Daniel: Dana, send the deck by Friday.\nDana: Will do.\nDan: I'll book the room tomorrow.\n")
    transcript = parse_transcript(text)
    assert list(transcript.attendees) == ["Daniel Brooks", "Dana White"]
    room = next(f for f in find_items(transcript, transcript.date) if 6 in f.lines)
    assert room.owner == "" and "Daniel Brooks or Dana White" in room.flags[0]


@pytest.mark.parametrize("name, agenda_line", [("mixed_release_board_rulings.txt", 5), ("zh_asr_long_turns.txt", 3),
                                               ("zh_committee_junior_and_backref.txt", 5)])
def test_key_points_without_the_model_leave_out_what_the_meeting_is_about(name, agenda_line):
    from analyst_desk.core.meeting.minutes import Minutes
    from analyst_desk.core.meeting.summarize import build_items
    from analyst_desk.core.meeting.summary_check import rule_key_points

    transcript, found = _read(name)
    minutes = Minutes(title="", date=transcript.date, language=transcript.language, attendees=list(transcript.attendees))
    build_items(minutes, found, transcript, transcript.language)
    assert all(agenda_line not in point.lines for point in rule_key_points(minutes, transcript))


def _dev(name: str):
    path = DATA / "devset" / name
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    return transcript, find_items(transcript, transcript.date)


def test_a_recognisers_label_and_a_space_is_a_speaker_and_a_step_promised_with_its_own_date_is_its_own_task():
    transcript, found = _dev("zh_asr_no_colon_deposit.txt")
    assert list(transcript.attendees) == ["发言人1", "发言人2", "发言人3"]
    assert _tasks(found) == [("发言人2", "2026-05-26", 8), ("发言人1", "2026-05-20", 11),
                             ("发言人3", "2026-05-31", 13),  # "你来安排一下月底之前办一场": 一下 + 月底, not 下月底
                             ("发言人3", "2026-05-22", 14)]  # "可以我这周五前把方案发群里"


def test_another_matter_moved_after_a_task_does_not_move_the_task_and_is_a_decision():
    _, found = _dev("zh_holiday_decisions_branch.txt")
    assert _tasks(found) == [("戴莉", "2026-09-24", 8),  # 中秋节前: the last working day before 2026-09-25
                             ("彭涛", "2026-10-08", 11),  # the date said with his name, not 国庆节前 said before it
                             ("贺明", "2026-09-30", 14)]
    assert _decision_lines(found) == [7, 13]  # "另外节前那场答谢会改到节后，定在10月15日" is decided, not 彭涛's new date
    assert all(5 not in item.lines for item in found)  # "今天主要说国庆期间的安排" is the agenda


def test_phone_notes_say_who_promised_and_a_span_counted_from_an_event_is_no_date():
    _, found = _dev("zh_phone_notes_numbered_loan.txt")
    assert _tasks(found) == [("孙总", "2026-06-18", 6),  # "孙总表示合同已经整理好，承诺本周四前…"
                             ("孙总", "2026-06-22", 8),  # "…答复是否同意追加保证人": what is to be answered, not a decision
                             ("林芳", "", 9)]  # "收到合同后三个工作日内": counted from a day nobody named
    assert _decision_lines(found) == [10]


def test_observers_own_tasks_and_a_ruling_after_agreeing_with_a_member_is_the_decision():
    transcript, found = _dev("zh_committee_with_observers.txt")
    assert list(transcript.attendees) == ["卢伟", "梁静", "石磊", "秦朗", "吕佳"]  # 列席 counts
    assert _tasks(found) == [("秦朗", "2026-04-30", 10),  # 五一节前
                             ("吕佳", "", 13),  # "年报预计4月底出来，拿到以后我第一时间补报": 4月底 is when it comes out
                             ("梁静", "2026-04-22", 14)]
    decisions = [item for item in found if item.kind == "decision"]
    assert [d.lines for d in decisions] == [[9], [12]]
    assert decisions[0].sentence.startswith("额度压到三百万")  # not "同意梁静的意见"


def test_a_recognisers_labels_under_a_header_of_names_become_the_people_the_talk_shows_them_to_be():
    transcript, found = _dev("zh_asr_labels_with_header_names.txt")
    assert list(transcript.attendees) == ["钟伟", "曹丽", "汪洋", "秦雪"]  # each once: no 说话人A beside 钟伟
    assert transcript.line(6).speaker == "曹丽"  # called by name for a task, and she answered
    assert transcript.line(12).speaker == "秦雪"  # the one label and the one person left
    assert _tasks(found) == [("曹丽", "2026-03-06", 7), ("汪洋", "2026-03-11", 10)]


def test_a_label_the_talk_does_not_settle_stays_a_label():
    text = ("周会 语音转写\n时间：2026年3月3日\n参会人员：钟伟、曹丽、汪洋\n\n"
            "说话人A：我们开始吧\n说话人B：上周新开户十二家\n说话人C：我这边没什么\n")
    transcript = parse_transcript(text)
    assert [line.speaker for line in transcript.speech] == ["说话人A", "说话人B", "说话人C"]  # nobody was called: no guess


def test_a_call_then_the_work_and_its_holiday_deadline_is_a_task_and_a_directive_ending_in_its_result_too():
    _, found = _dev("en_committee_holiday_minutes.txt")
    assert _tasks(found) == [("Nadia Chen", "2026-09-24", 9),  # before the Mid-Autumn holiday (2026-09-25)
                             ("Victor Lam", "2026-10-08", 11), ("Sam Ito", "2026-09-16", 13)]
    transcript, found = _dev("mixed_english_name_labels_release.txt")
    assert list(transcript.attendees) == ["黎明", "张倩", "韦东", "陆文"]  # Zoe and Eric are the header's 张倩 and 陆文
    assert ("陆文", "", 7) in _tasks(found)  # "Eric你们下个版本修掉" — "OK，下个版本一定修"
