"""The command line does the same jobs as the window, headless."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


def run_cli(*args: str, home, timeout: int = 180) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANALYST_DESK_HOME=str(home), ANALYST_DESK_BLOCK_NETWORK="1")
    return subprocess.run([sys.executable, "-m", "analyst_desk", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_version_is_printed(tmp_path):
    result = run_cli("--version", home=tmp_path)
    assert result.returncode == 0
    assert re.match(r"Analyst Desk \d+\.\d+\.\d+", result.stdout)


def test_models_lists_both_default_models_with_metadata(tmp_path):
    result = run_cli("models", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf" in result.stdout
    assert "SmolLM2-135M-Instruct.Q4_1.gguf" in result.stdout
    assert "Q4_K_M" in result.stdout and "context 32,768" in result.stdout


def test_generate_streams_chinese_and_reports_timing(tmp_path):
    result = run_cli("generate", "用一句话介绍你自己", "--max-tokens", "40", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(re.findall(r"[\u4e00-\u9fff]", result.stdout)) >= 5, result.stdout
    assert re.search(r"first token [\d.]+ s, [\d.]+ tokens/s", result.stderr)


def test_unknown_model_exits_non_zero_with_one_clear_line(tmp_path):
    result = run_cli("generate", "hi", "--model", "gpt-17", home=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ["error: No model named 'gpt-17' in " + os.environ["ANALYST_DESK_MODELS"] +
                     ". Run 'analyst-desk models' to see what is installed."]


def test_empty_models_folder_is_explained(tmp_path):
    env = dict(os.environ, ANALYST_DESK_HOME=str(tmp_path), ANALYST_DESK_MODELS=str(tmp_path / "none"))
    result = subprocess.run([sys.executable, "-m", "analyst_desk", "generate", "hi"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "No chat model found" in result.stderr
