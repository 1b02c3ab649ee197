"""On a busy laptop the model steps aside: while another program keeps a core busy, the engine
generates with fewer threads instead of fighting it (which slows both about tenfold)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from analyst_desk.core.engine.cpu_share import CpuShare


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs at least two cores")
def test_a_busy_core_is_left_to_the_program_using_it():
    share = CpuShare()
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1.0)
        share.others_cores()  # a fresh baseline while the other program runs
        time.sleep(0.5)
        threads = share.threads_for_next(share.cores)
    finally:
        hog.kill()
        hog.wait()
    assert 1 <= threads <= share.cores - 1


def test_never_fewer_than_one_thread_nor_more_than_configured():
    share = CpuShare(cores=1)
    assert share.threads_for_next(4) == 1
    share = CpuShare()
    assert 1 <= share.threads_for_next(1) <= 1
