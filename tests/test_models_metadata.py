"""IT drops GGUF files into models/; the app must describe good ones and explain bad ones."""

from __future__ import annotations

import json
import shutil

import pytest

from analyst_desk.core.engine.models import default_chat_model, discover_models, find_model, inspect_model
from analyst_desk.core.errors import ModelError, ModelNotFoundError
from tests.conftest import CHAT_MODEL, MODELS, TINY_MODEL


def test_default_models_are_described_without_loading_them():
    qwen = inspect_model(MODELS / CHAT_MODEL)
    assert qwen.architecture == "qwen2"
    assert qwen.quantization == "Q4_K_M"
    assert qwen.file_size == 491_400_064
    assert qwen.context_length == 32768
    assert qwen.is_chat and not qwen.is_embedding
    assert "<|im_start|>" in qwen.chat_template  # Qwen's ChatML template, read from the file
    assert 4e8 < qwen.parameter_count < 7e8

    smol = inspect_model(MODELS / TINY_MODEL)
    assert smol.architecture == "llama"
    assert smol.quantization == "Q4_1"
    assert 1.2e8 < smol.parameter_count < 1.5e8
    assert smol.context_length == 8192


def test_the_largest_chat_model_is_the_default_unless_the_user_chose_one():
    assert default_chat_model().file_name == CHAT_MODEL
    assert default_chat_model(TINY_MODEL).file_name == TINY_MODEL
    assert find_model("SmolLM2").file_name == TINY_MODEL


def test_unknown_model_name_says_what_to_do():
    with pytest.raises(ModelNotFoundError, match="analyst-desk models"):
        find_model("no-such-model")


@pytest.fixture
def broken_models(tmp_path, monkeypatch):
    """A models folder with one good model and every kind of bad file."""
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / TINY_MODEL).symlink_to(MODELS / TINY_MODEL)
    with (MODELS / TINY_MODEL).open("rb") as src:
        (folder / "truncated.gguf").write_bytes(src.read(20_000_000))
    (folder / "empty.gguf").write_bytes(b"")
    (folder / "notes.gguf").write_text("this is a text file, not a model", encoding="utf-8")
    (folder / "header-cut.gguf").write_bytes(b"GGUF\x03\x00\x00\x00\x10")
    monkeypatch.setenv("ANALYST_DESK_MODELS", str(folder))
    return folder


def test_bad_model_files_are_listed_with_a_reason_and_good_ones_still_work(broken_models):
    found = {m.file_name: m for m in discover_models()}
    assert found[TINY_MODEL].ok
    assert "truncated" in found["truncated.gguf"].error
    assert "copy the file again" in found["truncated.gguf"].error
    assert "empty" in found["empty.gguf"].error
    assert "not a GGUF model file" in found["notes.gguf"].error
    assert "truncated" in found["header-cut.gguf"].error
    assert default_chat_model().file_name == TINY_MODEL


def test_loading_a_truncated_model_fails_with_the_reason_not_a_crash(broken_models):
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    with pytest.raises(ModelError, match="truncated"):
        LlamaEngine(broken_models / "truncated.gguf").load()


def test_a_model_too_large_for_memory_is_refused_before_loading():
    from analyst_desk.core.engine.llama_engine import check_fits_in_memory

    info = inspect_model(MODELS / CHAT_MODEL)
    with pytest.raises(ModelError, match="needs about .* GiB of memory"):
        check_fits_in_memory(info, available=200 * 2**20)
    check_fits_in_memory(info, available=8 * 2**30)


def test_models_command_lists_both_models_as_json(capsys):
    from analyst_desk.cli import main

    assert main(["models", "--json"]) == 0
    listed = {m["file_name"]: m for m in json.loads(capsys.readouterr().out)}
    assert listed[CHAT_MODEL]["default"] is True
    assert listed[CHAT_MODEL]["quantization"] == "Q4_K_M"
    assert listed[TINY_MODEL]["architecture"] == "llama"
    assert listed[TINY_MODEL]["has_chat_template"] is True
