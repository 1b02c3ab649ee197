"""While a draft is written section by section, the status line tells the truth: the model reading the next
section's passages is said to be reading (not shown the last section's speed, frozen for half a minute), the
speed counts writing time only, and the estimate includes the sections still to start."""

from __future__ import annotations

import re

import pytest

from analyst_desk.ui import i18n
from analyst_desk.ui.widgets import generation_meter
from analyst_desk.ui.widgets.generation_meter import GenerationMeter


@pytest.fixture
def clock(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(generation_meter.time, "monotonic", lambda: now[0])
    return now


def _rate(line: str) -> float:
    return float(re.search(r"每秒 ([\d.]+) 个", line).group(1))


def _write(meter, clock, tokens: int, seconds: float) -> str:
    line = ""
    for _ in range(tokens):
        clock[0] += seconds / tokens
        line = meter.on_chunk("字")
    return line


def test_a_drafts_next_section_says_the_model_is_reading_until_its_first_word(clock):
    i18n.set_language("zh")
    meter = GenerationMeter(300, parts=3)
    meter.begin_part()
    assert meter.status() == "模型正在阅读资料…"
    clock[0] += 8.0  # search and prefill of the first section
    line = _write(meter, clock, 51, 5.0)  # ten words a second while writing
    assert 9.5 <= _rate(line) <= 10.5, line
    meter.begin_part()
    clock[0] += 25.0  # the second section's passages are read: no stale speed, no stale estimate
    assert meter.status() == "模型正在阅读资料… 已写 51 个字词"
    line = _write(meter, clock, 50, 5.0)
    # Writing time only: 100 words in 10 s of writing, not in 43 s since the first word.
    assert 9.5 <= _rate(line) <= 10.5, line
    # 200 words left at ten a second plus one section still to read at the wait seen so far (8 s and 25 s).
    assert re.search(r"最多约剩 (3\d|4\d) 秒", line), line  # 20 s of words + one more wait (about 16 s)
    stats = meter.stats()
    assert stats.tokens == 101 and abs(stats.seconds - 10.0) < 0.3  # the status bar's speed is the writing speed


def test_a_single_answer_is_measured_as_before(clock):
    i18n.set_language("zh")
    meter = GenerationMeter(100)
    assert meter.status() == "生成中… 已写 0 个字词"
    line = _write(meter, clock, 21, 2.0)
    assert 9.5 <= _rate(line) <= 10.6, line
    assert "最多约剩" in line
