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
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
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
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        _qt_translator = translator


def language() -> str:
    return _language


def tr(english: str, chinese: str) -> str:
    return chinese if _language == "zh" else english
