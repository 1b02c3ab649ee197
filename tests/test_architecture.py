"""The layering we rely on is checked, not hoped for: the core never imports Qt (not even inside a
function), workers never reach into panes, feature packages stay apart, and no unused import or
silently swallowed exception slips in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold():
    result = _run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_ruff_finds_no_unused_imports_or_blind_excepts():
    result = _run("ruff", "check", "analyst_desk", "bench", "packaging", "--output-format", "concise")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
