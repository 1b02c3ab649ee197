"""Transcripts written for the meeting tests and benchmark, with the answers they contain."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "meeting"
ZH_TRANSCRIPT = DATA / "zh_credit_review.txt"
EN_TRANSCRIPT = DATA / "en_weekly_sync.txt"

_CLIENTS = ["恒远机械", "华信物流", "东方纺织", "金桥地产", "瑞丰化工", "长江电子", "宏达建材", "新海食品", "天成医药",
            "远航船舶", "北辰能源", "利民农业"]
_PEOPLE = ["张经理", "李总", "王芳", "陈明", "赵磊", "孙丽"]
_DUES = ["下周一前", "月底前", "下周五之前", "两周内", "3月20日前", "本周内"]
_TASKS = ["把{c}的补充担保方案发给风险部", "完成{c}的现场走访并提交走访报告", "更新{c}授信报告中的财务分析",
          "核实{c}对外担保的最新余额", "联系{c}财务总监确认还款计划"]  # 5 tasks × 12 clients: no pair repeats


@dataclass
class PlantedAction:
    line: int  # the line the task is given on
    owner: str
    due_words: str
    task: str


def long_chinese_meeting(segments: int = 30) -> tuple[str, list[PlantedAction]]:
    """A two-hour credit committee (~10,000 characters): one client per segment, one task each.

    Every segment also has discussion that is neither a decision nor a task, so finding the
    tasks is not a matter of taking every line.
    """
    lines = ["会议名称：二季度授信客户集中复盘会", "时间：2026年3月4日 09:00", "参会人员：" + "、".join(_PEOPLE), ""]
    planted: list[PlantedAction] = []
    minute = 0
    for index in range(segments):
        client = _CLIENTS[index % len(_CLIENTS)]
        chair, analyst, owner = _PEOPLE[index % 2], _PEOPLE[2 + index % 4], _PEOPLE[(index + 3) % len(_PEOPLE)]
        if owner == chair:
            owner = analyst
        due, task = _DUES[index % len(_DUES)], _TASKS[index % len(_TASKS)].format(c=client)

        def say(who: str, text: str) -> None:
            nonlocal minute
            minute += 2
            lines.append(f"[{9 + minute // 60:02d}:{minute % 60:02d}] {who}：{text}")

        say(chair, f"下面看{client}，请{analyst}先介绍一下基本情况。")
        say(analyst, f"{client}去年营业收入{18 + index}.{index % 10}亿元，同比增长{3 + index % 7}%，"
                     f"净利润{1 + index % 4}.{(index * 3) % 10}亿元，资产负债率{52 + index % 15}%。")
        say(analyst, f"经营活动现金流净额为正，主要客户比较稳定，应收账款周转天数{60 + index * 2}天，较上年有所上升。")
        say(_PEOPLE[(index + 1) % len(_PEOPLE)], "从行业情况看，今年上游原材料价格波动比较大，毛利率可能会受到一些影响。")
        say(chair, f"授信方案上，我们决定维持{client}现有额度{3 + index % 5}亿元，期限一年。")
        say(chair, f"{owner}，你{due}{task}。")
        planted.append(PlantedAction(line=len(lines), owner=owner, due_words=due, task=task))
        say(owner, "好的，没问题。")
        say(analyst, f"另外{client}今年有一笔对外担保快到期了，金额不大，后续我们持续关注。")
    # The chair restates two tasks at the end: still two action items, each with both lines.
    lines.append("")
    for action in planted[:2]:
        minute += 1
        lines.append(f"[{9 + minute // 60:02d}:{minute % 60:02d}] {_PEOPLE[0]}：最后再确认一下，{action.owner}{action.due_words}"
                     f"{action.task}。")
    return "\n".join(lines) + "\n", planted


def write_long_meeting(folder: Path, segments: int = 30) -> tuple[Path, list[PlantedAction]]:
    text, planted = long_chinese_meeting(segments)
    path = folder / "long_meeting.txt"
    path.write_text(text, encoding="utf-8")
    return path, planted
