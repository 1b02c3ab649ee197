"""An import of several files gives one estimate for the whole job, not for the stage it is in."""

from __future__ import annotations

from analyst_desk.core.job_estimate import JobEstimate
from analyst_desk.core.progress import Progress


def _at(done, total, stage="", stage_done=0, stage_total=0):
    return Progress(done=done, total=total, stage=stage, stage_done=stage_done, stage_total=stage_total)


def test_reading_the_first_of_three_files_is_a_small_part_of_the_job():
    estimate = JobEstimate([300, 100, 100], started_at=0.0)
    # Half of the big file's pages read: the stage is 50% done, the job about a tenth.
    fraction = estimate.update(_at(0, 3, "reading", 50, 100))
    assert 0.09 < fraction < 0.12
    # Ten seconds for that tenth: the whole job has about ninety to go, not "约剩 10 秒" for the stage.
    assert 80 < estimate.seconds_left(now=10.0) < 100


def test_the_estimate_moves_forward_only_and_ends_at_the_end():
    estimate = JobEstimate([100, 100], started_at=0.0)
    estimate.update(_at(0, 2, "embedding", 10, 10))
    first = estimate.fraction
    estimate.update(_at(1, 2, "reading", 0, 50))  # next file starts: no step back
    assert estimate.fraction >= first
    assert estimate.update(_at(2, 2)) == 1.0


def test_without_sizes_files_count_alike():
    estimate = JobEstimate([])
    assert estimate.update(_at(1, 4)) == 0.25
    assert estimate.seconds_left() is None  # too early to say


def test_the_saving_step_of_the_file_just_done_is_not_counted_for_the_next_file():
    """After a file is saved the import reports "writing" once more, already counting the file as done, then the
    next file's first snapshot still says "writing": read as 90% of that next file, the bar stood at 974/1000 and
    "约剩 5 秒" while 国电电力's 584 passages were still to be indexed."""
    estimate = JobEstimate([4_022_782, 1_413_376], started_at=0.0)
    estimate.update(_at(0, 2, "embedding", 704, 732))
    estimate.update(_at(1, 2, "writing"))  # the first file's save, reported after it was counted
    assert estimate.fraction < 0.76
    estimate.update(_at(1, 2, "embedding", 64, 584))
    assert 0.8 < estimate.fraction < 0.86
    assert estimate.update(_at(1, 2, "writing", 0, 0)) > 0.95  # its own save, once its own counts came, does count
    assert estimate.update(_at(2, 2, "writing")) == 1.0
