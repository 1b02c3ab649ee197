"""Settings survive restarts, bad files never stop the app, and the data folder is the user's choice."""

from __future__ import annotations

from analyst_desk.core import paths
from analyst_desk.core.config import Settings


def test_settings_are_saved_between_runs(isolated_home):
    settings = Settings(model="SmolLM2-135M-Instruct.Q4_1.gguf", threads=3, context_size=2048, language="zh")
    settings.save()
    again = Settings.load()
    assert (again.model, again.threads, again.context_size, again.language) == (
        "SmolLM2-135M-Instruct.Q4_1.gguf", 3, 2048, "zh")
    assert (isolated_home / "settings.json").exists()


def test_a_corrupt_settings_file_falls_back_to_defaults(isolated_home):
    (isolated_home / "settings.json").write_text("{not json", encoding="utf-8")
    assert Settings.load() == Settings()


def test_wrongly_typed_values_are_ignored(isolated_home):
    (isolated_home / "settings.json").write_text('{"threads": "many", "language": "zh"}', encoding="utf-8")
    loaded = Settings.load()
    assert loaded.threads == Settings().threads
    assert loaded.language == "zh"


def test_language_follows_the_system_locale_unless_chosen():
    assert Settings(language="auto").effective_language("zh_CN") == "zh"
    assert Settings(language="auto").effective_language("en_US") == "en"
    assert Settings(language="en").effective_language("zh_CN") == "en"


def test_data_folder_comes_from_the_environment_override(isolated_home):
    assert paths.data_dir() == isolated_home
    assert paths.data_subdir("drafts") == isolated_home / "drafts"
