"""Minutes that follow the answer, not only the order (issue 23, tests/data/meeting/followups, our own transcripts):
the one who answers with a later day of their own keeps that day, a question asking whether work can be done by a
day is dated to the hour the answer gives, a team that says "我们来准备" after a ruling owns that work, and "这个你盯一下"
after a colleague raised a new matter speaks to that colleague — not to the one whose yes ("好的曲行，…") closed the
exchange before.

Each test lists every task the meeting gives (owner, due date and time, the lines it spans): an extra or a missing
item fails it. Pure rules, no model.
"""

from __future__ import annotations

from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_docs import DATA

FOLLOWUPS = DATA / "followups"


def _tasks(name: str) -> list[tuple[str, str, str, list[int]]]:
    path = FOLLOWUPS / name
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    return [(item.owner, item.due.date.isoformat() if item.due else "", item.due.time if item.due else "", item.lines)
            for item in find_items(transcript, transcript.date) if item.kind == "action"]


def test_the_owner_answering_with_a_later_day_and_the_answer_to_can_you_by_thursday_give_the_dates():
    assert _tasks("zh_answer_sets_the_date.txt") == [
        ("顾晓彤", "2026-10-21", "", [7, 8]),  # "这周…拉出来" — "好，我下周三前发群里": her day, not this Friday
        ("包强", "2026-10-15", "15:00", [9, 10]),  # "周四能做完吗？" — "周四下午三点前可以出报告": the hour answered
    ]


def test_a_team_taking_the_work_after_a_ruling_owns_it():
    assert _tasks("zh_commitment_after_ruling.txt") == [
        ("贺晴", "", "", [7]),  # "明白。那起诉的材料我们来准备。" — her team's, after "就这么定，起诉"
        ("祁峰", "2026-11-06", "", [9, 10]),
    ]


def test_you_after_a_colleague_raised_a_new_matter_is_that_colleague():
    assert _tasks("zh_you_is_the_last_speaker.txt") == [
        ("季东", "2026-08-07", "", [5]),
        ("韦红", "", "", [8, 9]),  # 季东's "好的曲行，周五前要回来" closed his exchange; 韦红 raised the 商铺 matter
    ]


def test_that_is_how_it_will_be_with_a_colon_is_a_decision():
    path = FOLLOWUPS / "zh_settled_with_a_colon.txt"
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    found = find_items(transcript, transcript.date)
    # "那就这样：1号和2号只开自助区，…": the chair settles the holiday hours with no 定/决定 word
    assert [(item.lines, "3号到5号全天营业" in item.sentence) for item in found if item.kind == "decision"] == [([6], True)]
    assert _tasks("zh_settled_with_a_colon.txt") == [("褚英", "2026-04-29", "", [8, 9])]


def test_a_task_for_that_day_is_due_on_the_day_the_line_before_named():
    # "七月三号下午分行开季度运营会，我去汇报。" — "褚英，你那天上午把…整理给我": 那天 is 7月3日
    assert _tasks("zh_that_day.txt") == [("葛宁", "2026-07-03", "", [5]), ("褚英", "2026-07-03", "", [6, 7])]
