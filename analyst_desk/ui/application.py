"""Start the Qt application: fonts, language, exception hooks, main window."""

from __future__ import annotations

import logging
import sys
import traceback

from analyst_desk import APP_NAME, __version__

log = logging.getLogger(__name__)

# Fonts that carry CJK glyphs, in order of preference, across Linux, Windows and macOS.
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
             "PingFang SC", "SimHei", "Noto Sans SC"]


def choose_font_family(available: list[str]) -> str | None:
    """The first installed CJK-capable family, so Chinese never renders as empty boxes."""
    for family in CJK_FONTS:
        if family in available:
            return family
    return None


def create_application(argv: list[str] | None = None):
    """Create (or reuse) the QApplication with a CJK-capable default font and the UI language set."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from analyst_desk.core.config import Settings
    from analyst_desk.ui import i18n

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("AnalystDesk")
    family = choose_font_family(QFontDatabase.families())
    if family:
        font = QFont(family)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    else:
        log.warning("No CJK font found; Chinese text may show as boxes. Install fonts-noto-cjk.")
    i18n.set_language(Settings.load().effective_language(QLocale.system().name()))
    return app


def install_gui_excepthook() -> None:
    """Unexpected exceptions on the GUI thread: log them and show one dialog with details."""

    def hook(exc_type, exc, tb):
        log.error("Unhandled exception", exc_info=(exc_type, exc, tb))
        from PySide6.QtWidgets import QApplication, QMessageBox

        from analyst_desk.core.errors import AppError
        from analyst_desk.ui.i18n import tr

        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          str(exc) if isinstance(exc, AppError) else
                          tr("Something went wrong. The details were written to the log.",
                             "出现意外错误，详细信息已写入日志。"))
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.exec()

    sys.excepthook = hook


def unlock_data_folder() -> bool:
    """With encryption at rest on, ask for the passphrase until it is right; False if the user gives up."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from analyst_desk.core.compliance import crypto
    from analyst_desk.core.config import Settings
    from analyst_desk.ui.i18n import tr

    if not Settings.load().encrypt_at_rest or crypto.unlocked() is not None:
        return True
    prompt = tr("Passphrase for your encrypted data folder:", "请输入数据文件夹的加密口令：")
    while True:
        passphrase, ok = QInputDialog.getText(None, APP_NAME, prompt, QLineEdit.EchoMode.Password)
        if not ok:
            return False
        try:
            crypto.unlock(passphrase)
            return True
        except crypto.WrongPassphraseError:
            prompt = tr("Wrong passphrase. Try again:", "口令错误，请重试：")


def show_splash(app):
    """A small window with the app's name and a progress line, on screen at once (before the main
    window is built, which takes a second of imports and pane construction).

    A frameless ``QLabel``, not ``QSplashScreen``: Qt 6's splash screen blocks the GUI thread in
    ``show()`` until the window system reports it exposed, up to a second (measured 1.0 s on the
    offscreen platform), which is a second more before the main window too.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from analyst_desk.ui.i18n import tr

    splash = QLabel()
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint
                          | Qt.WindowType.WindowStaysOnTopHint)
    splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
    splash.setFixedSize(420, 160)
    splash.setStyleSheet("background: #1f3a5f; color: white;")
    splash.setText(f"{APP_NAME} {__version__}\n\n" + tr("Starting…", "正在启动…"))
    screen = app.primaryScreen()
    if screen is not None:
        centre = screen.availableGeometry().center()
        splash.move(centre.x() - splash.width() // 2, centre.y() - splash.height() // 2)
    splash.show()
    app.processEvents()
    return splash


def splash_progress(app, splash, text: str) -> None:
    """Say on the splash what start-up is doing now."""
    splash.setText(f"{APP_NAME} {__version__}\n\n{text}")
    splash.repaint()
    app.processEvents()


def start_warm_up(services):
    """Warm-up after the window shows, on a background thread (see analyst_desk/core/warmup.py):
    the window is usable at once and the first search finds the tokenizers loaded."""
    import threading

    from analyst_desk.core.warmup import warm_up

    thread = threading.Thread(target=warm_up, args=(services,), name="warm-up", daemon=True)
    thread.start()
    return thread


def run_gui(*, on_shown=None) -> int:
    """Open the main window and run the event loop: a splash at once, the window when built, the
    warm-up after it shows. ``on_shown(window)`` is called once the window is on screen."""
    app = create_application()
    install_gui_excepthook()
    if not unlock_data_folder():
        return 1
    from analyst_desk.ui.i18n import tr

    splash = show_splash(app)
    splash_progress(app, splash, tr("Loading the window…", "正在加载窗口…"))
    from analyst_desk.core.services import Services
    from analyst_desk.ui.main_window import MainWindow

    services = Services()
    window = MainWindow(services)
    window.show()
    splash.close()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: start_warm_up(services))
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    return app.exec()
