"""With --json, every subcommand's stdout is JSON and nothing else, so scripts can pipe it.

Messages ("Saved …", progress, notes) go to stderr. The list of subcommands with a --json option
is read from the parser, so a new one without a case here fails the coverage test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.extraction_docs import write_balance_sheet, write_key_figures_report
from tests.library_docs import write_pdf
from tests.meeting_devset import DEVSET

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


def run_json(*args: str, home, timeout: int = 300) -> tuple[object, str]:
    env = dict(os.environ, ANALYST_DESK_HOME=str(home), ANALYST_DESK_BLOCK_NETWORK="1")
    result = subprocess.run([sys.executable, "-m", "analyst_desk", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout), result.stderr  # the whole of stdout must parse


def _commands_with_json() -> set[str]:
    from analyst_desk.cli import build_parser

    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        for action in parser._actions:
            if "--json" in getattr(action, "option_strings", []):
                found.add(" ".join(path))
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*path, name))

    walk(build_parser(), ())
    return found


FAST = {"models", "index add", "index list", "index search", "index profile", "audit list", "audit verify",
        "extract tables", "extract fields", "facts show"}
WITH_MODEL = {"ask", "meeting summarize"}


def test_every_subcommand_with_json_is_covered_here():
    assert _commands_with_json() <= FAST | WITH_MODEL, _commands_with_json() - FAST - WITH_MODEL


def test_library_audit_extraction_and_models_print_only_json(tmp_path):
    home = tmp_path / "home"
    report = write_pdf(tmp_path / "年报.pdf", [("经营情况", ["2024年净息差为1.87%，较上年下降0.2个百分点。"])])
    data, _ = run_json("models", "--json", home=home)
    assert isinstance(data, list) and data
    data, stderr = run_json("index", "add", str(report), "--json", home=home)
    assert data and "年报" in json.dumps(data, ensure_ascii=False)
    data, _ = run_json("index", "list", "--json", home=home)
    assert len(data) == 1
    data, _ = run_json("index", "search", "净息差", "--json", home=home)
    assert data
    data, _ = run_json("index", "profile", "年报", "--period", "2024", "--json", home=home)
    assert data is not None and "2024" in json.dumps(data, ensure_ascii=False)
    data, _ = run_json("facts", "show", "2024年净息差", "--json", home=home)
    assert data is not None
    data, _ = run_json("audit", "list", "--json", home=home)
    assert isinstance(data, list)
    data, _ = run_json("audit", "verify", "--json", home=home)
    assert isinstance(data, dict)
    sheet = write_balance_sheet(tmp_path / "bs.pdf")
    data, stderr = run_json("extract", "tables", str(sheet), "-o", str(tmp_path / "t.xlsx"), "--json", home=home)
    assert data and "Wrote" in stderr  # the summary line is a message: stderr
    figures = write_key_figures_report(tmp_path / "kf.pdf")
    data, stderr = run_json("extract", "fields", "--fields", "营业收入", str(figures), "-o", str(tmp_path / "f.xlsx"),
                            "--no-model", "--json", home=home)
    assert data[0]["field"] == "营业收入" and "Wrote" in stderr


@pytest.mark.slow
def test_minutes_and_answers_print_only_json_even_when_files_are_saved(tmp_path):
    home = tmp_path / "home"
    data, stderr = run_json("meeting", "summarize", str(DEVSET / "zh_quarter_review.txt"), "-o",
                            str(tmp_path / "m.docx"), "--actions", str(tmp_path / "a.xlsx"), "--json", home=home)
    assert {a["owner"] for a in data["action_items"]} == {"王磊", "陈晓", "李娜"}
    assert "Saved" in stderr and (tmp_path / "m.docx").exists()
    data, _ = run_json("ask", "2024年净息差是多少？", "--json", home=home)
    assert isinstance(data, dict)
