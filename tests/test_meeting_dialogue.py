"""Minutes of meetings as people really talk (issue 23): who is who, tasks as they are given, decisions
as they are made, dates with holidays and times of day, and summaries checked against the meeting.

The transcripts are ours (tests/data/meeting), written in the voices the issue describes: a joint
credit and risk meeting with two 刘, titles, departments, an English name and a note taker; an IT
release call in English with a Chinese attendee; a stand-up with two 张. Pure rules, no model —
except the speed test at the end, which runs the default model and is marked slow.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from analyst_desk.core.meeting.dates import find_due_dates
from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.dialogue import act_of
from analyst_desk.core.meeting.minutes import Minutes
from analyst_desk.core.meeting.summarize import build_items
from analyst_desk.core.meeting.summary_check import check_summary, rule_key_points
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_devset import DEVSET
from tests.meeting_docs import DATA

JOINT = DATA / "zh_joint_credit_risk.txt"
RELEASE = DATA / "en_release_readiness_call.txt"
TWO_ZHANGS = DATA / "zh_two_zhangs_standup.txt"


def _load(path):
    return parse_transcript(read_transcript_text(path), source_name=path.name)


def _minutes(path):
    transcript = _load(path)
    minutes = Minutes(title="", date=transcript.date, language=transcript.language, attendees=list(transcript.attendees))
    build_items(minutes, find_items(transcript, transcript.date), transcript, transcript.language)
    return transcript, minutes


def _task(minutes, words):
    return next(i for i in minutes.action_items if words in i.quote or words in i.task)


# -- who is who ------------------------------------------------------------------------------------
def test_each_attendee_is_listed_once_however_they_are_called():
    transcript = _load(JOINT)
    # 陈行 speaks for 陈立明 (分行行长), the note taker is in the room, nobody appears twice
    assert list(transcript.attendees) == ["陈立明", "刘芸", "刘浩然", "宋雅琴", "王小虎", "林佳", "周密"]
    assert transcript.line(6).speaker == "陈立明"
    roster = transcript.attendees
    assert roster.resolve("刘处") == "刘芸"  # two 刘: the 处长 is 刘芸 ...
    assert roster.resolve("刘总") == "刘浩然"  # ... and the 总经理 is 刘浩然
    assert roster.resolve("浩然") == "刘浩然" and roster.resolve("小虎") == "王小虎"
    assert roster.resolve("审批部") == "刘浩然" and roster.resolve("运营主管") == "林佳"
    assert roster.resolve("Lily") == "林佳"  # the English name the header gives
    assert roster.resolve("小刘") == "" and set(roster.ambiguous("小刘")) == {"刘芸", "刘浩然"}  # never guessed


def test_tasks_go_to_the_person_called_by_title_department_or_english_name():
    transcript, minutes = _minutes(JOINT)
    split = _task(minutes, "分行业拆分")
    assert (split.owner, split.due.date, split.due.time) == ("刘芸", dt.date(2026, 9, 10), "22:00")  # 刘处, 周四晚上十点前
    assert "2026-09-10 22:00" in split.due_label("zh")
    review = _task(minutes, "流程梳理")  # 审批部牵头 = the head of 授信审批部
    assert review.owner == "刘浩然"
    assert all(item.owner in transcript.attendees for item in minutes.action_items if item.owner)


def test_the_previous_speaker_is_the_one_told_to_watch_it_and_their_promise_joins_the_task():
    _, minutes = _minutes(JOINT)
    watch = _task(minutes, "这个你盯一下")
    assert watch.owner == "宋雅琴" and watch.lines == [16, 17]  # "我下午就去…" is her commitment on the same task
    assert sum(1 for i in minutes.action_items if 17 in i.lines) == 1


def test_a_declined_task_is_reassigned_once_and_a_moved_date_replaces_the_first():
    _, minutes = _minutes(JOINT)
    visit = [i for i in minutes.action_items if "走访报告" in i.quote]
    assert len(visit) == 1 and visit[0].owner == "林佳"  # 小虎 declined; 改由Lily来写
    assert visit[0].due.date == dt.date(2026, 9, 16) and {18, 19, 20, 21} <= set(visit[0].lines)
    review = _task(minutes, "流程梳理")
    assert review.due.date == dt.date(2026, 10, 8)  # 中秋节前 → 国庆节后第一个工作日, asked and accepted
    assert {12, 13, 14} <= set(review.lines)


def test_decisions_come_from_decision_acts_and_key_points_are_never_small_talk():
    transcript, minutes = _minutes(JOINT)
    decided = {d.text for d in minutes.decisions}
    assert any("2亿元" in d for d in decided)  # 定一下：…
    assert any("暂停受理" in d and "意见吗" not in d for d in decided)  # 就这么定了 ratifies the proposal
    assert len(minutes.decisions) == 2
    points = rule_key_points(minutes, transcript)
    assert points and all(6 not in p.lines for p in points)  # "人齐了吧？今天天气不错…" is not a key point
    assert any("1.62%" in p.text for p in points)


def test_an_ambiguous_call_is_left_unassigned_and_flagged_and_a_named_one_is_not():
    _, minutes = _minutes(TWO_ZHANGS)
    count = _task(minutes, "现金盘点")
    assert count.owner == "" and any("张涛" in f and "张萌" in f for f in count.flags)
    assert (count.due.date, count.due.time) == (dt.date(2026, 5, 11), "17:00")  # 下午…五点前
    assert _task(minutes, "保管箱").owner == "钱进"


def test_english_requests_in_a_mixed_language_release_call():
    transcript, minutes = _minutes(RELEASE)
    defects = _task(minutes, "defect list")  # "Could you pull…" answers Jenny (林嘉欣), who spoke last
    assert (defects.owner, defects.due.date) == ("林嘉欣", dt.date(2026, 9, 11))
    dry_run = _task(minutes, "dry run")
    assert (dry_run.owner, dry_run.due.date) == ("Marco Bianchi", dt.date(2026, 9, 24))  # before Mid-Autumn
    assert _task(minutes, "backup").owner == "Yusuf Demir"
    assert [d.lines for d in minutes.decisions] == [[14, 15]] and "Saturday window" in minutes.decisions[0].text
    assert transcript.attendees.resolve("Jenny") == "林嘉欣"


@pytest.mark.parametrize("sentence, act", [
    ("小陈你写吧，下周五前给我初稿。", "directive"), ("Could you pull the covenants by Friday?", "request"),
    ("我下午就去信托公司。", "commitment"), ("好的。", "acceptance"), ("我下周要去培训，怕来不及。", "decline"),
    ("能不能推到9月4日？", "move"), ("那改由贺文来整理，时间不变。", "reassignment"),
    ("定一下：营销费用按六四开。", "decision"), ("We agreed to keep the limit at 50 million.", "decision"),
    ("返现预算多少？", "question"), ("上周已经把报告发给总行了。", "report"), ("如果评估价下调，就要补抵押。", "hypothetical"),
])
def test_each_line_is_read_as_what_it_does(sentence, act):
    assert act_of(sentence) == act


# -- dates -----------------------------------------------------------------------------------------
def test_holidays_follow_the_state_council_calendar_and_english_names_of_them():
    from analyst_desk.core.meeting import holidays

    spans = {(h.name, h.first.year): (h.first, h.last) for h in holidays.HOLIDAYS if h.official}
    assert spans[("中秋", 2026)] == (dt.date(2026, 9, 25), dt.date(2026, 9, 27))
    assert spans[("国庆", 2025)] == (dt.date(2025, 10, 1), dt.date(2025, 10, 8))  # with 中秋 in 2025
    assert spans[("春节", 2024)] == (dt.date(2024, 2, 10), dt.date(2024, 2, 17))
    assert holidays.is_working_day(dt.date(2026, 9, 20))  # a Sunday worked for 国庆
    [before] = find_due_dates("before the Mid-Autumn holiday", dt.date(2026, 9, 9))
    assert before.date == dt.date(2026, 9, 24)  # not 2026-10-01
    [after] = find_due_dates("after National Day", dt.date(2026, 9, 9))
    assert after.date == dt.date(2026, 10, 8)
    assert find_due_dates("春节后第一个工作日", dt.date(2024, 1, 15))[0].date == dt.date(2024, 2, 18)  # a worked Sunday


@pytest.mark.parametrize("said, date, clock", [
    ("周四晚上十点前", dt.date(2026, 6, 18), "22:00"), ("明天下午三点半前", dt.date(2026, 6, 16), "15:30"),
    ("by Friday 5pm", dt.date(2026, 6, 19), "17:00"), ("下周一上午10点前", dt.date(2026, 6, 22), "10:00"),
])
def test_times_of_day_are_kept_with_the_date(said, date, clock):
    [due] = find_due_dates(said, dt.date(2026, 6, 15))
    assert (due.date, due.time) == (date, clock)


# -- summaries checked -----------------------------------------------------------------------------
def test_a_summary_that_contradicts_the_meeting_is_flagged():
    transcript, minutes = _minutes(DEVSET / "zh_team_salon_planning.txt")
    minutes.summary = "家族信托沙龙定在中秋节前举行。高尔夫邀请赛已同意按40万预算举办。菲菲负责邀请函。"
    flags = check_summary(minutes, transcript)
    assert any("中秋节前" in f and "国庆节后" in f for f in flags)  # 节前 vs 节后
    assert any("高尔夫" in f for f in flags)  # a plan the meeting left open ("先不定")
    assert not any("菲菲负责" in f for f in flags)
    minutes.summary = "家族信托沙龙放到国庆节后，10月15日举行。"
    assert check_summary(minutes, transcript) == []


# -- speed -----------------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_32_line_meeting_takes_at_most_a_minute_with_the_default_model(chat_engine):
    from analyst_desk.core.meeting.summarize import summarize_meeting

    transcript = _load(DEVSET / "zh_long_quarterly_multi_topic.txt")
    assert len(transcript.lines) >= 32 and len(transcript.speech) >= 29
    start = time.perf_counter()
    minutes = summarize_meeting(transcript, chat_engine)
    seconds = time.perf_counter() - start
    assert seconds <= 60, seconds
    assert minutes.summary and minutes.model_tokens > 0
    assert {i.owner for i in minutes.action_items} == {"彭飞", "蒋玲", "袁媛", "冯刚", "谢雨"}


def test_whoever_answers_who_will_do_it_takes_the_task():
    _, minutes = _minutes(DATA / "zh_volunteer_and_someone.txt")
    report = _task(minutes, "自评报告")  # "谁来牵头写？" — "我来吧。" — "那就辛苦柏杨了，6月12日前…"
    assert (report.owner, report.due.date, report.lines) == ("柏杨", dt.date(2026, 6, 12), [5, 6, 7])
    rules = _task(minutes, "新规")  # "有没有人能这周…？" — "我可以，周五前补完。"
    assert (rules.owner, rules.due.date) == ("Nina Xu", dt.date(2026, 6, 5))
    assert len(minutes.action_items) == 2


def test_without_an_attendee_list_someone_spoken_to_by_name_is_in_the_room_and_others_are_not():
    transcript, minutes = _minutes(DATA / "zh_no_attendee_list.txt")
    assert list(transcript.attendees) == ["孙经理", "李婷"]  # 李婷 is told "你…" by name; "那个，你们" is nobody
    report = _task(minutes, "贷后检查报告")
    assert (report.owner, report.due.date, report.lines) == ("李婷", dt.date(2026, 6, 5), [2])
    opinion = _task(minutes, "赵处长")  # asked of someone outside the meeting: unassigned and flagged
    assert opinion.owner == "" and opinion.flags
