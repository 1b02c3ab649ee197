"""UI language: every visible string is written in both languages at the call site.

``tr("Import files", "导入文件")`` returns the one for the current language. Keeping both texts
together means a translation can never go missing or drift from its English original, which
matters more for a two-language product than Qt's .ts workflow does.
"""

from __future__ import annotations

_language = "en"


def set_language(language: str) -> None:
    """Set the UI language ("zh" or "en"); takes effect for widgets created afterwards."""
    global _language
    _language = "zh" if language == "zh" else "en"


def language() -> str:
    return _language


def tr(english: str, chinese: str) -> str:
    return chinese if _language == "zh" else english
