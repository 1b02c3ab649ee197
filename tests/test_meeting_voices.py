"""Minutes of meetings in the voices the rules kept getting wrong (tests/data/meeting/voices, our own transcripts):
a committee whose header says 出席委员 and whose chair hands work to a department, a 律师 and a 司徒; a branch
morning meeting with "罗佳这个你盯一下", a colleague delegated to ("我让简宁代一下？") and "你" after an exchange that
was closed; phone notes where the client only wishes for a date; an English call where a task is declined and
handed on, and an offer re-dated by the one who made it.

Each test lists every task the meeting gives (owner, due date, the lines it spans): an extra or a missing item
fails it. Pure rules, no model.
"""

from __future__ import annotations

from analyst_desk.core.meeting.detection import find_items
from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
from tests.meeting_docs import DATA

VOICES = DATA / "voices"


def _read(name: str):
    path = VOICES / name
    transcript = parse_transcript(read_transcript_text(path), source_name=path.name)
    return transcript, find_items(transcript, transcript.date)


def _tasks(found) -> list[tuple[str, str, list[int]]]:
    return [(item.owner, item.due.date.isoformat() if item.due else "", item.lines) for item in found if item.kind == "action"]


def test_a_committee_lists_its_members_once_and_gives_the_departments_task_to_its_head():
    transcript, found = _read("zh_committee_departments.txt")
    # "出席委员：" is the header's label, not a person; 吕文 is the clerk of the department 聂慧 heads
    assert list(transcript.attendees) == ["方国栋", "聂慧", "吕文", "司徒静", "潘立新"]
    assert _tasks(found) == [
        ("潘立新", "2026-11-13", [8, 9]),  # "潘律师": the 法务 called by surname and 律师
        ("聂慧", "2026-11-25", [10, 11, 12]),  # "总行要求…" raised it; "这个审批部牵头" hands it to the department's head
        ("司徒静", "2026-11-11", [13, 14]),  # "司徒": a compound surname alone
    ]


def test_a_branch_meeting_gives_tasks_to_the_one_called_before_zhege_ni_and_to_the_one_delegated_to():
    _, found = _read("zh_branch_morning_delegation.txt")
    assert _tasks(found) == [
        ("罗佳", "2026-06-04", [7, 8]),  # "罗佳这个你盯一下" — "好，我周四前把方案给客户"
        ("简宁", "2026-06-05", [9, 10]),
        # 简宁's "没问题，周五前弄好。" closed the exchange with her: the next "你" is 钱小川, who just spoke
        ("钱小川", "2026-06-08", [12, 13]),
        ("简宁", "2026-06-04", [14, 16]),  # "周四的客户沙龙我让简宁代一下？": the one it is handed to
    ]


def test_phone_notes_keep_the_clients_wish_out_of_the_tasks_and_give_the_request_to_the_one_asked():
    transcript, found = _read("zh_phone_notes_wish.txt")
    assert list(transcript.attendees) == ["温婷", "柯伟"]  # "双方商定：" is what both sides settled, not a speaker
    assert _tasks(found) == [("柯伟", "2026-10-16", [7])]  # "柯伟希望11月5日前完成续贷审批" asks nobody here
    decisions = [item for item in found if item.kind == "decision"]
    assert [d.lines for d in decisions] == [[8], [9]] and "三千万" in decisions[0].sentence
    assert "厂房抵押" in decisions[1].sentence  # "经双方确认，…": confirmed by both sides


def test_an_english_call_hands_declined_work_on_and_keeps_the_date_the_offer_was_moved_to():
    _, found = _read("en_call_handovers.txt")
    assert _tasks(found) == [
        ("Felix Moreau", "2026-10-15", [5, 6]),  # "I want us all working from the same numbers" is no second task
        # "On our side, I'll need the updated fee letter…": what the client's side needs, nobody's task
        ("Felix Moreau", "2026-10-21", [8, 9]),  # his own offer, re-dated by him: "Let's say Wednesday the 21st instead"
        ("Irene Walsh", "2026-10-30", [10, 11, 12]),  # "That one isn't me, Irene deals with the insurers." — "I'll chase them."
        ("Zoe Lam", "2026-10-23", [13, 14, 15, 16, 17]),  # declined, "Zoe can take the pack", confirmed by the giver
    ]


def test_a_recognisers_stand_up_gives_an_unnamed_request_to_whoever_takes_it_and_dates_offers_when_told():
    _, found = _read("en_asr_ops_offers.txt")
    assert _tasks(found) == [
        ("Speaker 2", "2026-03-13", [4, 5]),  # "please send the aged list … by friday" to nobody by name — "will do"
        ("Speaker 3", "2026-03-12", [6, 7]),  # "i can redo the staffing rota by thursday" — "please do" takes it as offered
        # a second offer of another thing, after someone else spoke, is a task of its own, dated by "book it before…"
        ("Speaker 3", "2026-03-13", [9, 10]),
    ]


def test_an_answer_that_promises_delivery_without_saying_wo_is_the_one_answering():
    _, found = _read("zh_compliance_implied_promise.txt")
    assert _tasks(found) == [
        # "…改到周四吧，周三我不在。" finds no task (the chair's absence reads as an excuse); the answer
        # "好的，周四上午给您。" promises it, 我 unsaid — her task, on the line that promises it
        ("葛欣", "2026-03-12", [6]),
        ("尹航", "2026-03-16", [7, 8]),
    ]


def _decisions(found) -> list[tuple[list[int], str]]:
    return [(item.lines, item.sentence) for item in found if item.kind == "decision"]


def test_a_change_board_chair_decides_by_deferring_moving_concluding_and_setting_a_rule_from_now_on():
    _, found = _read("zh_ops_board_rulings.txt")
    assert _tasks(found) == []
    decided = _decisions(found)
    assert [lines for lines, _ in decided] == [[6], [8], [9], [11]]
    assert "五月份的版本" in decided[0][1]  # deferred to a named release
    assert "十二点以后" in decided[1][1]  # the window moved after a risk was raised (no deadline: a time it starts)
    assert "走评审" in decided[2][1]  # "结论：…"
    assert "轮班" in decided[3][1]  # "从本周起执行…"


def test_an_english_chair_turning_down_one_of_two_options_decides_and_takes_no_task():
    _, found = _read("en_pricing_ruling.txt")
    assert _tasks(found) == []  # "We'll do the rate bump only." chooses; it is nobody's task
    assert any("no cash bonus" in text for _, text in _decisions(found))


def test_a_colleague_who_offers_takes_a_declined_task_and_a_departments_task_is_its_named_members():
    _, found = _read("zh_volunteer_and_department.txt")
    assert _tasks(found) == [
        # "真顾不过来。" declines; "我来吧" offers; "行，邝达你来，下周五前交给我" confirms — one task, 邝达's
        ("邝达", "2026-04-24", [5, 6, 7, 8, 9]),
        # "还是公司业务部负责，桂芳你…": the member told, not the department's head 聂远
        ("桂芳", "2026-04-30", [10, 11]),
        ("桂芳", "2026-04-28", [14, 15]),  # the same when the department's clause stands as a sentence of its own
    ]


def test_a_task_taken_with_only_ill_do_it_gets_the_date_said_when_it_was_raised():
    _, found = _read("en_asr_pronoun_take.txt")
    # "they want the maturity ladder by the twenty fourth" — "tess that's yours this time" — "sure I'll do it"
    assert _tasks(found) == [("Tess Ford", "2026-04-24", [4, 5, 6])]
