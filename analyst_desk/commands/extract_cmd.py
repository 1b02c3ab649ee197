"""``analyst-desk extract tables|fields``: tables and key figures from PDFs into Excel."""

from __future__ import annotations

import sys
from pathlib import Path

from analyst_desk.commands.common import add_model_option, open_chat_engine, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("extract", help="extract tables or key figures from PDF reports into Excel")
    sub = parser.add_subparsers(dest="extract_command", metavar="ACTION", required=True)
    tables = sub.add_parser("tables", help="every table on the chosen pages → one sheet each")
    tables.add_argument("pdf", type=Path)
    tables.add_argument("--pages", help="e.g. 3-5 or 16,122-123 (1-based); default all pages")
    tables.add_argument("--unit", choices=["元", "千元", "万元", "百万元", "亿元"], help="scale amounts to this unit")
    tables.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx file to write")
    tables.add_argument("--json", action="store_true", help="also print the tables as JSON")
    tables.set_defaults(handler=run_tables)
    fields = sub.add_parser("fields", help="key figures (e.g. 营业收入, 净利润) from several reports → one workbook")
    fields.add_argument("--fields", required=True, help='comma-separated, e.g. "营业收入,净利润,不良贷款率"')
    fields.add_argument("pdfs", nargs="+", type=Path)
    fields.add_argument("-o", "--output", type=Path, required=True)
    fields.add_argument("--period", help='the period to read, e.g. 2023 (default: the latest period a table prints)')
    fields.add_argument("--json", action="store_true")
    fields.add_argument("--no-model", action="store_true",
                        help="tables and sentence patterns only; do not ask the model to read the text")
    add_model_option(fields)
    fields.set_defaults(handler=run_fields)


def run_tables(args) -> int:
    from analyst_desk.core.errors import AppError
    from analyst_desk.core.extraction.checks import check_table
    from analyst_desk.core.extraction.excel import write_tables
    from analyst_desk.core.extraction.tables import extract_tables

    if not args.pdf.is_file():
        raise AppError(code="cli.path_not_found", params={"path": str(args.pdf)})
    tables = extract_tables(args.pdf, args.pages)
    if not tables:
        raise AppError(code="extract.no_tables_on_pages" if args.pages else "extract.no_tables",
                       params={"name": args.pdf.name, "pages": args.pages})
    summary = write_tables(tables, args.output, unit=args.unit)
    if args.json:
        print_json([{"title": t.title, "pages": t.pages, "unit": t.unit.name if t.unit else None, "method": t.method,
                     "bbox": t.bbox, "header_rows": t.header_rows, "rows": t.rows, "notes": t.notes,
                     "flagged": [{"row": r, "column": c, "why": why} for r, c, why in t.flagged()],
                     "checks": [{**c.__dict__, "status": c.status} for c in check_table(t, tables)]} for t in tables])
    out = sys.stderr if args.json else sys.stdout  # --json keeps stdout pure JSON
    for t in tables:
        results = check_table(t, tables)
        failed = [c for c in results if not c.ok]
        status = f", {len(failed)} check(s) FAILED: " + "; ".join(c.message for c in failed) if failed else ""
        status += "".join(f"; {c.message}" for c in results if not c.checked)
        status += "".join(f"; {n}" for n in t.notes if n.endswith("unclear"))
        flagged = t.flagged()
        status += f"; {len(flagged)} amount(s) left as text (separator unclear)" if flagged else ""
        print(f"p. {','.join(map(str, t.pages))}: {t.title or 'table'} — {len(t.rows)} rows × {t.columns} columns"
              f"{', unit ' + t.unit.name if t.unit else ''}{status}", file=out)
    print(f"Wrote {summary['tables']} tables ({summary['numbers']} numbers, {summary['checks']} checks, "
          f"{summary['mismatches']} mismatches) to {summary['path']}", file=out)
    return 0


def run_fields(args) -> int:
    from analyst_desk.core.errors import AppError, InputFileError
    from analyst_desk.core.extraction.fields import FigureResult, find_figures, write_figures

    fields = [f.strip() for f in args.fields.replace("，", ",").split(",") if f.strip()]
    if not fields:
        raise AppError(code="cli.figures_need_fields", params={"example": "营业收入,净利润"})
    results: list[FigureResult] = []
    engine = library = audit = watch = None
    if not args.no_model:
        from analyst_desk.core.compliance.audit import AuditLog
        from analyst_desk.core.compliance.audit_watch import AuditWatch
        from analyst_desk.core.library import open_libraries

        engine, library, audit = open_chat_engine(args, load=False), open_libraries(), AuditLog.open()
        watch = AuditWatch.watch(audit, "extraction")
    try:
        for pdf in args.pdfs:
            try:
                results.extend(find_figures(pdf, fields, period=args.period, engine=engine, library=library,
                                            audit=audit))
            except InputFileError as exc:
                print(f"✗ {exc}", file=sys.stderr)
                results.extend(FigureResult(pdf.name, f, "not found", note=str(exc)) for f in fields)
    finally:
        if engine is not None:
            engine.close()
        if library is not None:
            library.close()
    if watch is not None:  # figures the model read are audited; under the policy a miss withholds the workbook
        from analyst_desk.commands.common import audit_gate

        audit_gate(audit, watch)
    write_figures(results, args.output)
    if args.json:
        print_json([r.to_json() for r in results])
    else:
        for r in results:
            shown = f"{r.raw} {r.unit if r.unit != '%' else ''}".strip() if r.status == "ok" else r.status.upper()
            print(f"{r.report} · {r.field}: {shown}  (p. {r.page or '-'}) {r.note}")
    found = sum(1 for r in results if r.status == "ok")
    print(f"Wrote {found} of {len(results)} figures to {args.output}", file=sys.stderr if args.json else sys.stdout)
    return 0
