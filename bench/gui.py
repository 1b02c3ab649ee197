"""GUI benchmark: the longest stall of the GUI thread in each pane while it does real work.

A 10 ms timer runs on the GUI thread; the longest gap between its ticks is the longest time the
window could not repaint or react. Each pane does what an analyst does with it, with real content:
Library — import a report (the Ping An annual report when ../shared/data is present, else a
generated one), search, open the first hit's page; Ask — a cited answer streams in and its citation
opens; Drafting — a company brief streams in and is checked; Meeting — minutes of a transcript;
Extraction — tables found on statement pages, each table shown; Audit — records listed and the
chain verified. Target: every pane under 100 ms. The baseline printed beside it is an idle window
(same timer, nothing running), which shows what the machine itself adds.

Usage: QT_QPA_PLATFORM=offscreen python bench/gui.py [--panes library,ask,...] [--model FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SHARED = ROOT.parent / "shared" / "data"
PING_AN = SHARED / "cn_bank_annual_report_pingan_2024" / "平安银行：2024年年度报告.pdf"


def wait(app, condition, timeout: float = 900.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        time.sleep(0.002)
        if time.monotonic() > deadline:
            raise TimeoutError("the pane did not finish in time")


def measure(app, action, done) -> tuple[float, int, float]:
    from tests.ui.stall_meter import StallMeter

    meter = StallMeter()
    started = time.perf_counter()
    action()
    wait(app, done)
    seconds = time.perf_counter() - started
    settle = time.monotonic() + 0.2  # let the timer tick after a synchronous action, so its cost is counted
    wait(app, lambda: time.monotonic() > settle)
    longest = meter.stop() * 1000
    return longest, meter.gaps_over_100, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panes", default="idle,library,ask,drafting,meeting,extraction,audit")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="gui-bench-"))
    os.environ["ANALYST_DESK_HOME"] = str(home)

    from analyst_desk.core.config import Settings
    from analyst_desk.core.services import Services
    from analyst_desk.ui import i18n
    from analyst_desk.ui.application import create_application
    from analyst_desk.ui.main_window import MainWindow
    from tests.extraction_docs import write_balance_sheet
    from tests.library_docs import CN_REPORT_PAGES, write_pdf
    from tests.meeting_docs import ZH_TRANSCRIPT

    app = create_application()
    i18n.set_language("zh")
    services = Services(Settings(model=args.model, context_size=4096, max_tokens=160, language="zh"))
    services.settings.extra["welcome_done"] = True
    from analyst_desk.core.warmup import warm_up

    win = MainWindow(services)
    print(f"start-up warm-up (search tokenizers, before the window shows): {warm_up(services):.2f} s")
    win.resize(1366, 728)
    win.show()
    report = PING_AN if PING_AN.exists() else write_pdf(home / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    statement = write_balance_sheet(home / "资产负债表.pdf")
    wanted = args.panes.split(",")
    rows = []
    print(f"machine: {os.cpu_count()} cores; model {args.model}; report {report.name}")

    if "idle" in wanted:
        from tests.ui.stall_meter import StallMeter

        meter = StallMeter()
        deadline = time.monotonic() + 3
        wait(app, lambda: time.monotonic() > deadline)
        rows.append(("idle window (baseline)", meter.stop() * 1000, meter.gaps_over_100, 3.0))
    if "library" in wanted:
        pane = win.show_pane("library")
        rows.append(("library: import", *measure(app, lambda: pane.import_paths([report]), lambda: not pane.busy)))
        pane.search_box.setText("净息差")
        rows.append(("library: search + page", *measure(app, pane.search, lambda: bool(pane.hits)
                                                         and not pane.search_job.busy and not pane.viewer.rendering)))
    else:
        services.library().add_paths([report])
    if "ask" in wanted:
        pane = win.show_pane("ask")
        pane.question.setText("2024年平安银行的净息差是多少？" if report == PING_AN else "2024年净息差是多少？")
        rows.append(("ask: answer streams", *measure(app, pane.ask, lambda: not pane.busy)))
        if pane.result and pane.result.sources:
            number = pane.result.sources[0].number
            rows.append(("ask: open citation", *measure(app, lambda: pane.open_citation(number),
                                                        lambda: not pane.viewer.rendering)))
    if "drafting" in wanted:
        pane = win.show_pane("drafting")
        pane.template_combo.setCurrentIndex(pane.template_combo.findData("company_brief"))
        pane.subject.setText("平安银行" if report == PING_AN else "华东银行")
        rows.append(("drafting: brief streams + checks", *measure(app, pane.start_draft, lambda: not pane.busy)))
    if "meeting" in wanted:
        pane = win.show_pane("meeting")
        pane.open_file(ZH_TRANSCRIPT)
        rows.append(("meeting: minutes", *measure(app, pane.summarize, lambda: not pane.busy)))
    if "extraction" in wanted:
        pane = win.show_pane("extraction")
        pane.set_pdf(str(statement))
        rows.append(("extraction: find tables", *measure(app, pane.detect, lambda: not pane.busy)))

        def show_all():
            for row in range(pane.table_list.count()):
                pane.table_list.setCurrentRow(row)

        rows.append(("extraction: show each table", *measure(app, show_all, lambda: True)))
    if "audit" in wanted:
        pane = win.show_pane("audit")
        rows.append(("audit: list + verify", *measure(app, lambda: (pane.refresh(), pane.verify()), lambda: True)))

    print(f"{'pane: action':<36} {'longest stall':>14} {'gaps >100 ms':>13} {'wall s':>8}")
    for label, longest, over, seconds in rows:
        mark = "" if longest < 100 else "  ← over 100 ms"
        print(f"{label:<36} {longest:11.0f} ms {over:13d} {seconds:8.1f}{mark}")
    win.close()
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
