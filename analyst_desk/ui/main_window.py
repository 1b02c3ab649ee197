"""The main window: a navigation list of panes, a model selector and a status bar."""

from __future__ import annotations

import importlib
import logging
import os

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from analyst_desk import APP_NAME, __version__
from analyst_desk.core.errors import AppError
from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.widgets.model_selector import ModelSelectorWidget
from analyst_desk.workers import jobs

log = logging.getLogger(__name__)


def pane_specs() -> list[tuple[str, str, str, str, str]]:
    """(key, module, class, title, what the pane does) for every pane, in navigation order."""
    return [
        ("assistant", "analyst_desk.ui.panes.assistant_pane", "AssistantPane", tr("Assistant", "助手"),
         tr("Ask the local model anything.", "向本地模型提问。")),
        ("library", "analyst_desk.ui.panes.library_pane", "LibraryPane", tr("Library", "资料库"),
         tr("Import reports and search them; every hit cites document and page.",
            "导入报告并检索，每条结果标注文档和页码。")),
        ("ask", "analyst_desk.ui.panes.ask_pane", "AskPane", tr("Ask documents", "文档问答"),
         tr("Answers from your documents, every claim cited and every number checked.",
            "基于您的文档回答，每个论断都有出处，每个数字都经核对。")),
        ("meeting", "analyst_desk.ui.panes.meeting_pane", "MeetingPane", tr("Meeting summary", "会议纪要"),
         tr("Transcript in, structured minutes out, every item traced to its line.",
            "输入会议记录，生成结构化纪要，每项都可追溯到原文。")),
        ("drafting", "analyst_desk.ui.panes.drafting_pane", "DraftingPane", tr("Report drafting", "报告撰写"),
         tr("Draft visit reports, credit memos, briefs and weekly reports from your library.",
            "根据资料库起草拜访报告、授信报告、公司简报和周报。")),
        ("extraction", "analyst_desk.ui.panes.extraction_pane", "ExtractionPane", tr("Spreadsheet extraction", "表格提取"),
         tr("Tables and key figures from reports into Excel, each value with its source page.",
            "将报告中的表格和关键指标提取到 Excel，每个数值标注来源页。")),
        ("audit", "analyst_desk.ui.panes.audit_pane", "AuditPane", tr("Audit log", "审计日志"),
         tr("What was generated, from what, by which model.", "记录生成了什么、依据什么、由哪个模型生成。")),
    ]


class PlaceholderPane(QWidget):
    """Shown for a pane that is not available in this build; says so plainly, pretends nothing."""

    def __init__(self, title: str, purpose: str, reason: str, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2><p>{purpose}</p>")
        heading.setWordWrap(True)
        note = QLabel(reason)
        note.setWordWrap(True)
        note.setStyleSheet("color: #a15c00;")
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)


class NavigationList(QListWidget):
    """The pane list. Taking focus never picks a pane: a plain QListWidget makes row 0 current when it
    gets focus with no current row, which replaced the welcome page with the Assistant on first show."""

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.currentRow() < 0:
            QWidget.focusInEvent(self, event)  # skip QAbstractItemView's "make the first row current"
            self.viewport().update()
            return
        super().focusInEvent(event)


class MainWindow(QMainWindow):
    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self._fit_to_screen()
        self.panes: dict[str, QWidget] = {}
        self._last_rate = ""

        self.nav = NavigationList()
        self.nav.setFixedWidth(180)
        self.nav.setIconSize(QSize(16, 16))
        self.stack = QStackedWidget()
        for key, module, cls, title, purpose in pane_specs():
            pane = self._build_pane(module, cls, title, purpose)
            self.panes[key] = pane
            self.stack.addWidget(pane)
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(purpose)
            item.setData(Qt.ItemDataRole.UserRole + 1, purpose)
            self.nav.addItem(item)
            if hasattr(pane, "stats_reported"):
                pane.stats_reported.connect(self.on_stats_reported)
            if hasattr(pane, "busy_changed"):
                pane.busy_changed.connect(lambda busy, item=item, title=title: self.on_pane_busy(item, title, busy))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.itemClicked.connect(lambda item: self.stack.setCurrentIndex(self.nav.row(item)))
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.model_selector = ModelSelectorWidget(services.settings.model)
        self.model_selector.model_chosen.connect(self.on_model_chosen)
        toolbar = QToolBar(tr("Model", "模型"))
        toolbar.setMovable(False)
        toolbar.addWidget(self.model_selector)
        settings_action = QAction(tr("Settings…", "设置…"), self)
        settings_action.triggered.connect(self.open_settings)
        toolbar.addAction(settings_action)
        self.addToolBar(toolbar)

        self.model_label = QLabel()
        self.memory_label = QLabel()
        self.rate_label = QLabel()
        for widget in (self.model_label, self.memory_label, self.rate_label):
            self.statusBar().addPermanentWidget(widget)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start(1000)
        self.refresh_status()
        self.welcome = None
        if self._first_run():
            self.show_welcome()

    # -- size --------------------------------------------------------------------------------
    def _fit_to_screen(self) -> None:
        """1200×780 where it fits; on a 1366×768 laptop, the screen's free area (taskbar excluded)."""
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1200, 780
        if available is not None and available.width() > 0:
            width = min(width, int(available.width() * 0.96))
            height = min(height, int(available.height() * 0.94))
        self.resize(width, height)

    # -- first run ---------------------------------------------------------------------------
    def _first_run(self) -> bool:
        if self.services.settings.extra.get("welcome_done"):
            return False
        try:
            return not self.services.library().documents()
        except AppError:
            return True

    def show_welcome(self) -> None:
        from analyst_desk.ui.widgets.welcome import WelcomeWidget

        if self.welcome is None:
            panes = [(key, title, purpose) for key, _m, _c, title, purpose in pane_specs()]
            from analyst_desk.ui.widgets.model_selector import describe, display_name

            chosen = self.model_selector.current_model()
            model_text = (f"{display_name(chosen)} · {describe(chosen)}" if chosen is not None
                          else tr("No model installed yet", "尚未安装模型"))
            self.welcome = WelcomeWidget(panes, model_text)
            self.welcome.import_requested.connect(self._welcome_import)
            self.welcome.settings_requested.connect(self.open_settings)
            self.welcome.pane_requested.connect(self.show_pane)
            self.welcome.dismissed.connect(self._welcome_dismissed)
            self.stack.addWidget(self.welcome)  # after the panes, so nav rows keep matching stack indices
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)  # no pane is highlighted while the welcome page shows
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.import_button.setFocus()  # the first thing to do; also keeps focus off the pane list

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.welcome is not None and self.stack.currentWidget() is self.welcome:
            self.welcome.import_button.setFocus()

    def _welcome_import(self) -> None:
        library = self.show_pane("library")
        if hasattr(library, "choose_files"):
            library.choose_files()

    def _welcome_dismissed(self, never_again: bool) -> None:
        if never_again:
            self.services.settings.extra["welcome_done"] = True
            self.services.settings.save()
        self.show_pane("library")

    # -- panes -----------------------------------------------------------------------------
    def _build_pane(self, module: str, cls: str, title: str, purpose: str) -> QWidget:
        try:
            pane_class = getattr(importlib.import_module(module), cls)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                log.exception("Pane %s failed to import", module)
            return PlaceholderPane(title, purpose, tr("This pane is not available in this version.",
                                                      "此版本暂未提供该功能。"))
        except Exception as exc:  # one broken pane must not take the window down
            log.exception("Pane %s failed to import", module)
            return PlaceholderPane(title, purpose, tr(f"This pane could not start: {exc}", f"该功能无法启动：{exc}"))
        try:
            return pane_class(self.services)
        except Exception as exc:
            log.exception("Pane %s failed to start", cls)
            return PlaceholderPane(title, purpose, tr(f"This pane could not start: {exc}", f"该功能无法启动：{exc}"))

    def on_pane_busy(self, item: QListWidgetItem, title: str, busy: bool) -> None:
        """A pane working in the background is marked in the navigation, so the user can leave it and come back."""
        # An icon, not "⏳": no installed CJK font has U+23F3, so it drew as an empty box.
        item.setText(title)
        item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload) if busy else QIcon())
        item.setToolTip(tr("Working in the background…", "正在后台处理…") if busy
                       else item.data(Qt.ItemDataRole.UserRole + 1))

    def show_pane(self, key: str) -> QWidget:
        index = list(self.panes).index(key)
        self.nav.setCurrentRow(index)
        self.stack.setCurrentIndex(index)  # also when the row was already current (leaving the welcome page)
        return self.panes[key]

    # -- status ----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        engine = self.services.loaded_engine
        chosen = self.model_selector.current_model()
        if engine is not None and getattr(engine, "engine_kind", "local") == "remote":
            window = engine.context_size
            self.model_label.setText(tr(f"Model: {engine.model_name} on the server {engine.server}, {window} tokens",
                                        f"模型：{engine.model_name}（服务器 {engine.server}，{window} 词元）"))
        elif engine is not None:
            from analyst_desk.ui.widgets.model_selector import display_name

            shown = display_name(chosen) if chosen is not None and chosen.file_name in str(engine.model_name) \
                else engine.model_name
            self.model_label.setText(tr(f"Model: {shown}", f"模型：{shown}"))
            self.model_label.setToolTip(str(engine.model_name))
        elif chosen is not None:
            from analyst_desk.ui.widgets.model_selector import display_name

            self.model_label.setText(tr(f"Model: {display_name(chosen)} (loads on first use)",
                                        f"模型：{display_name(chosen)}（首次使用时加载）"))
            self.model_label.setToolTip(chosen.file_name)
        else:
            self.model_label.setText(tr("No model", "无模型"))
        try:
            import psutil

            rss = psutil.Process(os.getpid()).memory_info().rss
            self.memory_label.setText(tr(f"Memory {rss / 2**20:,.0f} MiB", f"内存 {rss / 2**20:,.0f} MiB"))
        except (ImportError, OSError, RuntimeError):  # psutil missing or the process table unreadable
            self.memory_label.setText("")
        self.rate_label.setText(self._last_rate)
        # A long notice in the status bar must not squeeze the speed down to a sliver ("上次生成：…" at 13 px).
        self.rate_label.setMinimumWidth(self.rate_label.sizeHint().width() if self._last_rate else 0)
        notices = self.services.notices  # which engine answered: a fallback, a dropped connection
        if notices:
            self.statusBar().showMessage(notices.popleft(), 20_000)

    def on_stats_reported(self, stats) -> None:
        self._last_rate = tr(f"Last answer: {stats.tokens_per_second:.1f} tokens/s",
                             f"上次生成：每秒 {stats.tokens_per_second:.1f} 个字词")
        self.refresh_status()

    def on_model_chosen(self, file_name: str) -> None:
        """Switch models without ever blocking the window.

        A running generation holds the model; closing it under the generation would make the GUI
        thread wait for the whole answer. So the running model job is stopped (its partial result
        is kept by its pane) and the switch happens once the model pool is idle.
        """
        self.services.settings.model = file_name
        self.services.settings.save()
        running = jobs.running("model")
        if running:
            for worker in running:
                worker.cancel()
            self.statusBar().showMessage(tr(f"Switching to {file_name} once the running job has stopped; "
                                            "what it wrote so far is kept.",
                                            f"当前任务停止后切换到 {file_name}；已生成的内容会保留。"), 8000)
        jobs.when_idle(self._reload_model, "model")

    def _reload_model(self) -> None:
        self.services.reload_model()
        self.refresh_status()

    def open_settings(self) -> None:
        from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services.settings, self)
        if dialog.exec():
            previous = (self.services.settings.model, self.services.settings.threads,
                        self.services.settings.context_size, self.services.settings.mask_before_model)
            previous_language = i18n.language()
            settings = dialog.apply()
            if (settings.model, settings.threads, settings.context_size, settings.mask_before_model) != previous:
                jobs.cancel_all("model")
                jobs.when_idle(self._reload_model, "model")
                self.model_selector.refresh(settings.model)
            self.refresh_status()
            from PySide6.QtCore import QLocale

            language = settings.effective_language(QLocale.system().name())
            if language != previous_language:
                self.rebuild_in_language(language)

    def rebuild_in_language(self, language: str) -> "MainWindow":
        """Switch the UI language now: open a fresh window on the same services, close this one.

        Panes keep their work in the core (library, drafts autosaved), so rebuilding loses nothing
        but unsaved text in input boxes; the user is asked first when something is running.
        """
        if jobs.running():
            QMessageBox.information(self, APP_NAME, tr("The new language applies after the running job ends "
                                                       "and the window is reopened.",
                                                       "新的界面语言将在当前任务结束并重新打开窗口后生效。"))
            return self
        i18n.set_language(language)
        replacement = MainWindow(self.services)
        replacement.setGeometry(self.geometry())
        replacement.show()
        self._keep_services_open = True
        self.close()
        return replacement

    # -- shutdown --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Cancel workers, wait for them, then free the model and the index."""
        for pane in self.panes.values():
            shutdown = getattr(pane, "shutdown", None)
            if shutdown:
                try:
                    shutdown()
                except Exception:
                    log.exception("Pane shutdown failed")
        if not getattr(self, "_keep_services_open", False):
            jobs.cancel_all()
            jobs.wait_all(10_000)
            self.services.close()
        super().closeEvent(event)
