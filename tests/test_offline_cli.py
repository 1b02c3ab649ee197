"""Every command runs with the network blocked and writes nothing outside the data folder and export paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.extraction_docs import write_balance_sheet
from tests.library_docs import CN_REPORT_PAGES, write_pdf

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


def snapshot(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if "__pycache__" not in p.parts}


@pytest.fixture
def sandbox(tmp_path):
    home, data, exports, inputs = (tmp_path / n for n in ("home", "data", "exports", "inputs"))
    for folder in (home, data, exports, inputs):
        folder.mkdir()
    write_pdf(inputs / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    write_balance_sheet(inputs / "bs.pdf")
    from tests.meeting_docs import EN_TRANSCRIPT
    from tests.test_meeting_audio import synthesise

    (inputs / "sync.txt").write_text(EN_TRANSCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    synthesise(inputs / "call.wav", "Mary will send the memo by Friday.")
    env = dict(os.environ, HOME=str(home), ANALYST_DESK_HOME=str(data), ANALYST_DESK_BLOCK_NETWORK="1",
               PYTHONDONTWRITEBYTECODE="1", XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_CONFIG_HOME=str(home / ".config"))

    def run(*args: str) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "analyst_desk", *args], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=300)
        assert "Blocked a network connection" not in result.stderr, result.stderr
        return result

    return run, home, data, exports, inputs


def test_every_command_works_offline_and_writes_only_where_it_should(sandbox):
    run, home, data, exports, inputs = sandbox
    repo_before = snapshot(ROOT / "analyst_desk")
    home_before = snapshot(home)
    commands = [
        ["models"],
        ["generate", "Say hi", "--model", "SmolLM2", "--max-tokens", "5"],
        ["index", "add", str(inputs / "华东银行2024年年度报告.pdf")],
        ["index", "list", "--json"],
        ["index", "search", "净息差", "--json"],
        ["ask", "2024年净息差是多少？", "--json"],
        ["draft", "--template", "company_brief", "--subject", "华东银行", "--length", "short", "-o",
         str(exports / "brief.docx")],
        ["meeting", "summarize", str(inputs / "sync.txt"), "-o", str(exports / "minutes.md"), "--actions",
         str(exports / "actions.xlsx")],
        ["meeting", "transcribe", str(inputs / "call.wav"), "-o", str(exports / "call.txt")],
        ["extract", "tables", str(inputs / "bs.pdf"), "-o", str(exports / "tables.xlsx")],
        ["extract", "fields", "--fields", "净息差", str(inputs / "华东银行2024年年度报告.pdf"), "-o",
         str(exports / "figures.xlsx")],
        ["audit", "list"],
        ["audit", "verify"],
        ["audit", "export", "-o", str(exports / "audit.xlsx")],
        ["pii", "check", "手机13812345678"],
        ["index", "remove", "华东银行2024年年度报告"],
        ["selftest"],
    ]
    for command in commands:
        result = run(*command)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    assert snapshot(home) == home_before, "files written into the user's home"
    assert snapshot(ROOT / "analyst_desk") == repo_before
    assert {p.name for p in exports.iterdir()} == {"tables.xlsx", "figures.xlsx", "audit.xlsx", "brief.docx",
                                                   "minutes.md", "actions.xlsx", "call.txt"}
    assert (data / "index" / "documents.json").exists() and (data / "audit" / "audit.jsonl").exists()
    assert snapshot(inputs) == {inputs / n for n in ("华东银行2024年年度报告.pdf", "bs.pdf", "sync.txt", "call.wav")}


def test_every_subcommand_answers_help_offline(sandbox):
    from analyst_desk.cli import build_parser

    run = sandbox[0]
    parser = build_parser()
    names = sorted(parser._subparsers._group_actions[0].choices)
    assert {"models", "generate", "index", "ask", "draft", "meeting", "extract", "audit", "pii", "selftest"} <= set(names)
    for name in names:
        result = run(name, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout, name
