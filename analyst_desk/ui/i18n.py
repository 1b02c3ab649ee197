"""UI language: every visible string is written in both languages at the call site.

``tr("Import files", "导入文件")`` returns the one for the current language. Keeping both texts
together means a translation can never go missing or drift from its English original, which
matters more for a two-language product than Qt's .ts workflow does.
"""

from __future__ import annotations

_language = "en"
_qt_translator = None


def set_language(language: str) -> None:
    """Set the UI language ("zh" or "en"); takes effect for widgets created afterwards."""
    global _language
    _language = "zh" if language == "zh" else "en"
    _install_qt_translation(_language)


def _install_qt_translation(language: str) -> None:
    """Qt's own strings (Save, Cancel, Yes, file dialogs) in the same language as ours."""
    global _qt_translator
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:  # the headless core never gets here, but keep the module importable
        return
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language != "zh":
        return
    translator = _qt_translator_class()()
    for folder in qt_translation_folders():
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
            _qt_translator = translator
            return
    import logging

    logging.getLogger(__name__).warning("Qt's Chinese translations (qtbase_zh_CN.qm) not found in %s",
                                        qt_translation_folders())


def qt_translation_folders() -> list[str]:
    """Where Qt's own .qm files may be: the folder Qt reports, then the PyInstaller bundle's copy
    (packaging/analyst-desk.spec puts them in PySide6/Qt/translations), then the PySide6 package's.
    A frozen PySide6 does not always report its translations folder."""
    import os
    import sys

    from PySide6.QtCore import QLibraryInfo

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        folders.append(os.path.join(meipass, "PySide6", "Qt", "translations"))
    import PySide6

    folders.append(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "translations"))
    return [f for i, f in enumerate(folders) if f and f not in folders[:i]]


_translator_class = None


def _qt_translator_class():
    """A QTranslator that also finds a string whose shortcut Qt 6 added after the Chinese catalogue was
    written: the file dialog asks for "&Look in:" and "Files of &type:", qtbase_zh_CN.qm has only
    "Look in:" and "Files of type:", so those labels stayed English. The shortcut goes back on in Qt's
    Chinese style: "查找范围(&L)："."""
    global _translator_class
    if _translator_class is None:
        from PySide6.QtCore import QTranslator

        class QtTranslator(QTranslator):
            def translate(self, context, source, disambiguation=None, n=-1):
                text = super().translate(context, source, disambiguation, n)
                at = source.find("&")
                if text or at < 0 or at + 1 >= len(source) or source[at + 1] == "&":
                    return text
                text = super().translate(context, source[:at] + source[at + 1:], disambiguation, n)
                if not text:
                    return text
                key = f"(&{source[at + 1].upper()})"
                stripped = text.rstrip("：:")
                return stripped + key + text[len(stripped):]

        _translator_class = QtTranslator
    return _translator_class


def language() -> str:
    return _language


def tr(english: str, chinese: str) -> str:
    return chinese if _language == "zh" else english
