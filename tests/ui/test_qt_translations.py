"""Qt's own dialogs speak Chinese in the Chinese window: the standard buttons and the file dialog's labels
(Qt's catalogue lacks "&Look in:" and "Files of &type:", which stayed English), also in the PyInstaller
build, whose spec must bundle qtbase_zh_CN.qm where the app looks for it."""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from analyst_desk.ui import i18n
from tests.conftest import ROOT

SPEC = ROOT / "packaging" / "analyst-desk.spec"


def _qt_texts() -> dict[str, list[str]]:
    box = QMessageBox(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Yes)
    dialog = QFileDialog(None, "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own dialog, as on Linux
    texts = {"message box": sorted(b.text() for b in box.buttons()),
             "buttons": sorted(b.text() for b in buttons.buttons()),
             "file dialog": sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())}
    for widget in (box, buttons, dialog):
        widget.deleteLater()
    return texts


def test_standard_buttons_and_the_file_dialog_read_chinese_in_the_chinese_window(qapp, qtbot, screenshot):
    from analyst_desk.ui.messages import file_filter

    i18n.set_language("zh")
    texts = _qt_texts()
    dialog = QFileDialog(None, "导入文档", "", file_filter("documents"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.resize(760, 460)
    dialog.show()
    qtbot.waitExposed(dialog)
    screenshot(dialog, "file_dialog_zh")
    assert texts["message box"] == ["取消", "确定"], texts
    assert texts["buttons"] == ["保存", "是(&Y)"], texts
    assert texts["file dialog"] == ["文件名称(&N)：", "文件类型(&T)：", "查找范围(&L)："], texts
    i18n.set_language("en")  # and back in English when the user switches
    assert _qt_texts()["file dialog"] == ["&Look in:", "File &name:", "Files of &type:"]


def _bundled_datas(monkeypatch) -> list[tuple[str, str]]:
    """Run the spec with PyInstaller's build steps stubbed out; the (source, destination) datas it bundles."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_all = lambda package: ([], [], [])
    hooks.collect_data_files = lambda *a, **k: []
    hooks.collect_dynamic_libs = lambda *a, **k: []
    hooks.collect_submodules = lambda *a, **k: []
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    captured = {}

    def analysis(scripts, **kwargs):
        captured.update(kwargs)
        return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=kwargs["datas"])

    namespace = {"SPECPATH": str(SPEC.parent), "Analysis": analysis, "PYZ": lambda *a, **k: None,
                 "EXE": lambda *a, **k: None, "COLLECT": lambda *a, **k: None, "__file__": str(SPEC)}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return captured["datas"]


def test_the_built_app_finds_qts_chinese_strings_where_the_spec_bundles_them(qapp, tmp_path, monkeypatch):
    """A fake one-folder bundle holding only what the spec collects: Qt reports no translations folder
    and the PySide6 package is not there, as in a frozen app; the buttons still read Chinese."""
    from PySide6.QtCore import QLibraryInfo

    bundle = tmp_path / "_internal"
    for source, destination in _bundled_datas(monkeypatch):
        if source.endswith(".qm"):
            (bundle / destination).mkdir(parents=True, exist_ok=True)
            shutil.copy(source, bundle / destination / Path(source).name)
    assert (bundle / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path / "no-qt-here")))
    import PySide6

    monkeypatch.setattr(PySide6, "__file__", str(tmp_path / "no-package" / "__init__.py"))
    assert i18n.qt_translation_folders()[1] == str(bundle / "PySide6" / "Qt" / "translations")
    i18n.set_language("zh")
    assert _qt_texts()["message box"] == ["取消", "确定"]


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")
