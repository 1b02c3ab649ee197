"""``analyst-desk ask "question"``: a cited answer from the library, with every figure checked."""

from __future__ import annotations

import sys

from analyst_desk.commands.common import add_model_option, open_chat_engine, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("ask", help="answer a question from your documents, with citations")
    parser.add_argument("question")
    parser.add_argument("--k", type=int, default=5, help="passages to retrieve (default 5)")
    parser.add_argument("--docs", nargs="*", default=None, help="limit to these documents (id, title or path)")
    parser.add_argument("--max-tokens", type=int, default=400)
    parser.add_argument("--json", action="store_true", help="print answer, citations and flags as JSON")
    add_model_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from analyst_desk.commands.draft_cmd import resolve_docs
    from analyst_desk.core.drafting.answering import answer_question
    from analyst_desk.core.drafting.model_choice import apply_model_choice
    from analyst_desk.core.facts import FactBook
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.services import Services

    services = Services()
    library = open_libraries(read_only=True)  # reads only: no writer lock, no recovery (issue 22)
    engine = None
    facts = None
    try:
        doc_ids = resolve_docs(library, args.docs)
        facts = FactBook.of(library)
        opened: list = []

        def load_engine():  # only when the answer needs the model (not for a figure the tables print)
            apply_model_choice("ask", args, services.settings)
            opened.append(open_chat_engine(args, settings=services.settings))
            return opened[-1]

        from analyst_desk.commands.common import audit_gate
        from analyst_desk.core.compliance.audit import audit_required

        held = audit_required()  # under that policy nothing is shown before the record is written
        stream = None if args.json or held else (lambda chunk: (sys.stdout.write(chunk), sys.stdout.flush()))
        result = answer_question(args.question, library, load_engine, k=args.k, doc_ids=doc_ids,
                                 max_tokens=args.max_tokens, on_chunk=stream, audit=services.audit, facts=facts)
        engine = opened[0] if opened else None
        audit_gate(services.audit)
        if held and not args.json:
            sys.stdout.write(result.text)
        if args.json:
            from analyst_desk.core.engine.selection import engine_use

            print_json({**result.to_json(), "engine": engine_use(engine) if engine is not None else None})
            return 0
        sys.stdout.write("\n")
        if result.text != (result.raw_text or result.text):
            print("\nAnswer (citations checked):\n" + result.text)
        print_report(result)
    finally:
        if engine is not None:
            engine.close()
        if facts is not None:
            facts.close()
        library.close()
        services.close()
    return 0


def print_report(result) -> None:
    """Sources and flags in plain text, after the answer."""
    if result.not_found:
        return
    cited = set(result.verification.citations)
    print("\nSources:")
    for source in result.sources:
        mark = "*" if source.number in cited else " "
        print(f" {mark}[{source.number}] {source.title}, p. {source.page}")
    v = result.verification
    print(f"\nFigures verified: {v.figures_verified}/{v.figures_total}"
          + (f" ({v.figures_from_facts} written by the app from the tables)" if v.figures_from_facts else "")
          + (f" ({v.figures_weak} only in an uncited passage)" if v.figures_weak else ""))
    if result.from_facts:
        print("Answered from the report's tables (no model).")
    for derived in result.derived:
        kind = "computed" if derived["computed"] else "as printed"
        print(f"\n{derived['measure']} {derived['period']}: {derived['value_text']} ({kind})")
        if derived["computed"]:
            print(f"  formula: {derived['formula']}")
            for item in derived["inputs"]:
                print(f"  {item['row_label']} {item['period']}: {item['value_text']} {item['unit']} (p. {item['page']})")
    if result.table and result.table.get("cells"):
        print(f"\n{result.table.get('metric', '')}:")
        for cell in result.table["cells"]:
            print(f"  {cell.get('issuer', '')}\t{cell['period']}\t{cell['value_text']}\t[{cell['source']}]")
    if result.missing_companies:
        print("Not in the library: " + ", ".join(result.missing_companies))
    for flag in v.flags:
        print(f" ⚠ {flag.kind}: {flag.message}")
