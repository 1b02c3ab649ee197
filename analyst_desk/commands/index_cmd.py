"""``analyst-desk index add|list|remove|profile|search``: the library from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from analyst_desk.commands.common import print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("index", help="import documents into the library and search them")
    sub = parser.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="import files or folders (PDF, DOCX, XLSX, TXT, MD)")
    add.add_argument("paths", nargs="+", type=Path)
    add.add_argument("--json", action="store_true")
    add.add_argument("--progress-jsonl", action="store_true",
                     help="for the window: progress as JSON lines on stdout; a line 'cancel' on stdin, or stdin closing, stops")
    _add_wait_option(add)
    add.set_defaults(handler=run_add)
    lst = sub.add_parser("list", help="list documents in the library")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_list)
    rm = sub.add_parser("remove", help="remove a document (id, file name or path)")
    rm.add_argument("document")
    _add_wait_option(rm)
    rm.set_defaults(handler=run_remove)
    profile = sub.add_parser("profile", help="show or correct a document's issuer, report type and period")
    profile.add_argument("document", help="id, file name or path")
    profile.add_argument("--issuer", help="the company the document is about, e.g. 平安银行股份有限公司")
    profile.add_argument("--type", dest="report_type",
                         help="annual_report, interim_report, prospectus, research, meeting, memo, policy or document")
    profile.add_argument("--period", help="2024, 2024H1, 2024Q1 or 2024Q3 ('' for unknown)")
    profile.add_argument("--json", action="store_true")
    _add_wait_option(profile)
    profile.set_defaults(handler=run_profile)
    search = sub.add_parser("search", help="hybrid search, every hit cited to document and page")
    search.add_argument("query")
    search.add_argument("--k", type=int, default=5)
    search.add_argument("--doc", action="append", help="only this document (id, name or path); repeatable")
    search.add_argument("--type", dest="doc_type", help="only this document type, e.g. annual_report")
    search.add_argument("--period", help="only this report period, e.g. 2024")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=run_search)


def _add_wait_option(parser) -> None:
    parser.add_argument("--wait", type=float, metavar="SECONDS", default=None,
                        help="how long to wait while another process writes to the library "
                             "(default 600; 0 refuses at once)")


def _library(args=None, *, read_only: bool = False):
    """The own library plus the shared one, if configured; problems opening the shared one go to stderr.
    ``read_only``: for listing and searching, which never change the folder (no lock, no recovery)."""
    from analyst_desk.core.library import open_libraries

    libraries = open_libraries(read_only=read_only)
    for problem in libraries.problems:
        print(f"warning: {problem}", file=sys.stderr)
    wait = getattr(args, "wait", None)
    if wait is not None:
        libraries.personal.lock_timeout = max(0.0, wait)
    return libraries


def _say_waiting(message: str) -> None:
    """Waiting for another writer is news even in a script: always on stderr (stdout stays JSON)."""
    print(message, file=sys.stderr, flush=True)


def run_add(args) -> int:
    from analyst_desk.core.progress import Progress

    if args.progress_jsonl:
        return _run_add_for_window(args)
    library = _library(args)
    last = [""]

    def show(progress: Progress) -> None:
        line = (f"\r[{progress.done}/{progress.total}] {progress.description[:40]:40} "
                f"pages {progress.counters.get('pages', 0)}, passages {progress.counters.get('chunks', 0)}")
        if line != last[0] and sys.stderr.isatty():
            sys.stderr.write(line)
            sys.stderr.flush()
            last[0] = line

    report = library.add_paths(args.paths, progress=show, on_wait=_say_waiting)
    library.close()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.json:
        print_json([r.__dict__ for r in report.results])
    else:
        for result in report.results:
            mark = "✓" if result.ok else "✗"
            print(f"{mark} [{result.status}] {result.message}")
        print(f"Done: {report.summary()}.")
    return 1 if report.failed and not any(r.ok for r in report.results) else 0


def _run_add_for_window(args) -> int:
    """The window's import process: JSON lines out, 'cancel' in (see analyst_desk/core/library/import_process.py)."""
    import json

    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.library.import_process import follow_parent, progress_to_json

    def say(message: dict) -> None:
        sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    cancel = CancelToken()
    follow_parent(cancel)
    library = _library(args)
    report = library.add_paths(args.paths, progress=lambda p: say({"progress": progress_to_json(p)}),
                               cancel=cancel, on_wait=lambda text: say({"waiting": text}))
    library.close()
    say({"report": [dict(r.__dict__) for r in report.results]})
    return 0


def run_list(args) -> int:
    """Each document by the name the window shows ("青海互助青稞酒股份有限公司 · 招股意向书 · 2011年") and its
    period in words ("2011年1-6月"), not its metadata title ("Microsoft Word - 1-1 招股意向书.doc") or code ("2011H1");
    --json keeps the stored fields and adds ``display_title`` and ``period_words``."""
    from analyst_desk.commands.common import ui_language
    from analyst_desk.core.library.display_title import record_title
    from analyst_desk.core.period_words import period_words

    documents = _library(read_only=True).documents()
    language = ui_language()
    if args.json:
        print_json([dict(d.to_json(), display_title=record_title(d, language),
                         period_words=period_words(d.period, language, report_type=d.doc_type)) for d in documents])
        return 0
    if not documents:
        print("The library is empty. Add documents with: analyst-desk index add PATH...")
        return 0
    for d in documents:
        period = period_words(d.period, language, report_type=d.doc_type)
        where = f"  [{d.library}]" if d.library and d.library != "personal" else ""
        if language == "zh":
            facts = "，".join(x for x in (f"报告期 {period}" if period else "", f"语言 {d.language}" if d.language else "") if x)
            print(f"{d.doc_id}  {record_title(d, language)}  （{d.pages} 页，{d.chunks} 段{'；' + facts if facts else ''}）{where}")
        else:
            facts = ", ".join(x for x in (f"period {period}" if period else "", f"language {d.language}" if d.language else "")
                              if x)
            print(f"{d.doc_id}  {record_title(d, language)}  ({d.pages} pages, {d.chunks} passages"
                  f"{'; ' + facts if facts else ''}){where}")
    return 0


def run_remove(args) -> int:
    from analyst_desk.core.errors import AppError

    library = _library(args)
    record = library.find_document(args.document)
    if record is None or not library.remove(record.doc_id, on_wait=_say_waiting):
        raise AppError(code="library.no_document", params={"name": args.document})
    print(f"Removed {record.title} ({record.chunks} passages).")
    return 0


def run_profile(args) -> int:
    from analyst_desk.core.errors import AppError

    library = _library(args)
    record = library.find_document(args.document)
    if record is None:
        raise AppError(code="library.no_document", params={"name": args.document})
    if any(value is not None for value in (args.issuer, args.report_type, args.period)):
        record = library.set_profile(record.doc_id, issuer=args.issuer, report_type=args.report_type,
                                     period=args.period, on_wait=_say_waiting)
    profile = {"doc_id": record.doc_id, "title": record.title, "issuer": record.company,
               "report_type": record.doc_type, "period": record.period, "source": record.profile_source}
    if args.json:
        print_json(profile)
    else:
        from analyst_desk.commands.common import ui_language
        from analyst_desk.core.library.display_title import record_title
        from analyst_desk.core.period_words import period_words

        language = ui_language()
        source = "as corrected by hand" if record.profile_source == "user" else "as read from its pages"
        period = period_words(record.period, language, report_type=record.doc_type)
        print(f"{record_title(record, language)}: {record.company or '(issuer unknown)'} · {record.doc_type} · "
              f"{period or '(period unknown)'}  ({source})")
    return 0


def run_search(args) -> int:
    from analyst_desk.core.errors import AppError

    library = _library(read_only=True)
    doc_ids = None
    if args.doc:
        doc_ids = []
        for name in args.doc:
            record = library.find_document(name)
            if record is None:
                raise AppError(code="library.no_document", params={"name": name})
            doc_ids.append(record.doc_id)
    hits = library.search(args.query, k=args.k, doc_ids=doc_ids, doc_type=args.doc_type, period=args.period)
    if args.json:
        print_json([h.to_json() for h in hits])
        return 0
    if not hits:
        print("Nothing found.")
        return 0
    from analyst_desk.commands.common import ui_language
    from analyst_desk.core.library.display_title import titles_by_doc

    titles = titles_by_doc(library.documents(), ui_language())  # named as the window names them, not by metadata
    for rank, hit in enumerate(hits, 1):
        snippet = " ".join(hit.text.split())[:160]
        where = f"  ({hit.library} library)" if hit.library and hit.library != "personal" else ""
        print(f"{rank}. {titles.get(hit.doc_id, hit.title)}, p. {hit.page}  [{hit.kind}]  {hit.heading_path}{where}\n"
              f"   {snippet}")
    return 0
