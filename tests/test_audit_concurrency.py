"""Ten people's scripts start at once on a fresh data folder: every output they print is in the audit
log, and the log verifies (the first use makes exactly one audit key, under the audit lock)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODELS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # ten Python processes, each loading the tiny model


def test_ten_generations_started_at_once_in_a_fresh_data_folder_leave_ten_verified_records(tmp_path):
    env = {**os.environ, "ANALYST_DESK_HOME": str(tmp_path / "home"), "ANALYST_DESK_MODELS": str(MODELS),
           "ANALYST_DESK_BLOCK_NETWORK": "1", "PYTHONIOENCODING": "utf-8"}
    runs = [subprocess.Popen([sys.executable, "-m", "analyst_desk", "generate", f"Say the number {n}", "--model",
                              "SmolLM2", "--max-tokens", "4"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for n in range(10)]
    results = [(*reversed(run.communicate(timeout=600)), run.returncode) for run in runs]  # (err, out, code)
    assert all(code == 0 for _, _, code in results), [err[-500:] for err, _, code in results if code]
    # Every run printed its answer and none was told its output went unaudited.
    assert all(out.strip() for _, out, _ in results)
    assert not [err for err, _, _ in results if "Not recorded in the audit log" in err or "未记入审计日志" in err]

    listed = subprocess.run([sys.executable, "-m", "analyst_desk", "audit", "list", "--json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    records = [r for r in json.loads(listed.stdout) if r.get("pane") != "system"]
    assert len(records) == 10
    assert sorted(r["prompt_sha256"] for r in records) == sorted({r["prompt_sha256"] for r in records})
    keys = list((tmp_path / "home").rglob("audit.key*"))
    assert len(keys) == 1, keys

    verified = subprocess.run([sys.executable, "-m", "analyst_desk", "audit", "verify"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0, verified.stdout + verified.stderr
