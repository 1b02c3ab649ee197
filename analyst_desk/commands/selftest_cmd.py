"""``analyst-desk --selftest`` / ``analyst-desk selftest``: prove an installation works, offline.

Runs in a throwaway data folder with non-loopback connections blocked: load a model, import a
generated PDF, search it, generate a short answer from it, write an XLSX, open the window
offscreen. One line per step; exit 0 only when every step passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("selftest", help="run the offline self-test and exit")
    parser.set_defaults(handler=run_selftest)


def run_selftest(args=None) -> int:
    from analyst_desk.core import offline

    offline.apply_offline_environment()
    offline.install_socket_guard()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    state: dict = {}
    with tempfile.TemporaryDirectory(prefix="analyst-desk-selftest-") as home:
        os.environ["ANALYST_DESK_HOME"] = home
        for name, step in STEPS:
            start = time.perf_counter()
            try:
                detail = step(state, Path(home)) or ""
                print(f"ok   {name:<22} {time.perf_counter() - start:6.2f} s  {detail}", flush=True)
            except Exception as exc:  # noqa: BLE001 - a self-test reports every failure and goes on
                failures += 1
                print(f"FAIL {name:<22} {time.perf_counter() - start:6.2f} s  {exc}", flush=True)
                if os.environ.get("ANALYST_DESK_SELFTEST_TRACE"):
                    traceback.print_exc()
        engine = state.get("engine")
        if engine is not None:
            engine.close()
        if state.get("library") is not None:
            state["library"].close()
    blocked = len(offline.blocked_attempts)
    print(f"network: {'no connection attempted' if not blocked else f'{blocked} connection(s) BLOCKED'}")
    print("SELFTEST PASSED" if failures == 0 and not blocked else f"SELFTEST FAILED ({failures} step(s))")
    return 0 if failures == 0 and not blocked else 1


def _load_model(state, home):
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine
    from analyst_desk.core.engine.models import discover_models

    chat = [m for m in discover_models() if m.ok and m.is_chat]
    if not chat:
        from analyst_desk.core import paths

        raise RuntimeError(f"no chat model in {paths.models_dir()}")
    info = min(chat, key=lambda m: m.file_size)  # the quickest proof that llama.cpp runs here
    state["engine"] = LlamaEngine(info, LoadOptions(context_size=2048)).load()
    return info.file_name


def _make_pdf(state, home):
    from analyst_desk.core.pdf import new_pdf

    path = home / "selftest-report.pdf"
    doc = new_pdf()
    page = doc.new_page()
    page.insert_text((72, 72), "Selftest Bank annual report 2024", fontsize=14)
    page.insert_text((72, 110), "The net interest margin was 1.87% in 2024.", fontsize=11)
    page.insert_text((72, 130), "净息差为1.87%。", fontname="china-s", fontsize=11)
    doc.save(path)
    state["pdf"] = path
    return path.name


def _import(state, home):
    from analyst_desk.core.library import open_libraries

    state["library"] = open_libraries()
    result = state["library"].add_paths([state["pdf"]]).results[0]
    if not result.ok:
        raise RuntimeError(result.message)
    return f"{result.pages} page, {result.chunks} passages"


def _search(state, home):
    hits = state["library"].search("net interest margin", k=3)
    if not hits or "1.87%" not in hits[0].text:
        raise RuntimeError("the imported passage was not found")
    state["hit"] = hits[0]
    return f"found on p. {hits[0].page}"


def _generate(state, home):
    from analyst_desk.core.engine.base import ChatMessage

    generation = state["engine"].stream_chat(
        [ChatMessage("user", f"Source: {state['hit'].text}\nQuestion: What was the net interest margin?")],
        max_tokens=24, temperature=0.0)
    text = generation.consume().strip()
    if not text:
        raise RuntimeError("the model returned nothing")
    return f"{generation.stats.completion_tokens} tokens, {generation.stats.tokens_per_second:.0f} tokens/s"


def _xlsx(state, home):
    import openpyxl

    from analyst_desk.core.extraction.excel import write_tables
    from analyst_desk.core.extraction.tables import ExtractedTable

    table = ExtractedTable(str(state["pdf"]), 1, [1], (0, 0, 1, 1), [["Item", "2024"], ["NIM", "1.87%"]], 1, "Selftest")
    out = home / "selftest.xlsx"
    write_tables([table], out)
    values = [cell.value for sheet in openpyxl.load_workbook(out).worksheets for row in sheet.iter_rows()
              for cell in row]
    if 0.0187 not in values:  # the percentage written as a number, wherever the layout puts the table
        raise RuntimeError("expected the number 0.0187 in the workbook")
    return out.name


def _window(state, home):
    from analyst_desk.core.services import Services
    from analyst_desk.ui.application import create_application
    from analyst_desk.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(Services())
    window.show()
    app.processEvents()
    panes = len(window.panes)
    window.close()
    return f"{panes} panes, platform {app.platformName()}"


STEPS = [("load model", _load_model), ("generate PDF", _make_pdf), ("import into library", _import),
         ("search", _search), ("generate answer", _generate), ("write XLSX", _xlsx), ("open window", _window)]


if __name__ == "__main__":
    sys.exit(run_selftest())
