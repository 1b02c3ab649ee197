"""GUI test helpers: a real QApplication with the app's fonts, and a screenshots folder for review."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(autouse=True)
def app_fonts(qapp):
    """Apply the same font and language set-up the real app uses (CJK font chosen)."""
    from analyst_desk.ui import i18n
    from analyst_desk.ui.application import create_application

    create_application()
    yield
    i18n.set_language("en")
    from analyst_desk.workers import jobs

    jobs.cancel_all()
    jobs.wait_all(30_000)


@pytest.fixture
def screenshot():
    """Save ``widget.grab()`` as artifacts/screenshots/<name>.png and return the path."""

    def save(widget, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save
