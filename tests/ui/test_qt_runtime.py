"""The Qt binding itself must be sound: a long working day is millions of UI calls."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_ui_calls_do_not_leak_references_to_none(qapp):
    """PySide6 6.12.0 decrements None's refcount on every void call and aborts the app after a few
    thousand of them ("deallocating None"); the pinned version must not."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(3000):
        label.setText("净息差 1.87%")
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
