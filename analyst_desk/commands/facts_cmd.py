"""``analyst-desk facts build | show``: the figures of the library's tables, as facts.

Imports build facts as they go; ``facts build`` builds them for documents imported before (or
rebuilds them with ``--rebuild``). ``facts show "2024年净息差"`` prints what Ask would use.
"""

from __future__ import annotations

import sys

from analyst_desk.commands.common import print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("facts", help="figures of your documents' tables (built at import)")
    sub = parser.add_subparsers(dest="facts_command", required=True)
    build = sub.add_parser("build", help="build facts for documents that have none yet")
    build.add_argument("--rebuild", action="store_true", help="rebuild facts for every document")
    build.set_defaults(handler=run_build)
    show = sub.add_parser("show", help="the facts a question or section would be given")
    show.add_argument("text")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)


def run_build(args) -> int:
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.library.table_facts.indexing import build_missing

    library = open_libraries()
    try:
        titles = {r.doc_id: r.title for r in library.documents()}

        def report(record, count: int) -> None:
            print(f"{titles.get(record.doc_id, record.doc_id)}: {count} facts", file=sys.stderr)

        # The fact store is the library's: written under its writer lock, like an import's facts, so a
        # concurrent import or a kill cannot leave catalogue and facts disagreeing.
        with library._writing("build facts", on_wait=lambda message: print(message, file=sys.stderr)):
            counts = build_missing(library, rebuild=args.rebuild, on_document=report)
        print(f"Built facts for {len(counts)} documents ({sum(counts.values())} facts).", file=sys.stderr)
    finally:
        library.close()
    return 0


def run_show(args) -> int:
    from analyst_desk.core.drafting.fact_use import number_facts
    from analyst_desk.core.facts import FactBook
    from analyst_desk.core.library import open_libraries

    library = open_libraries()
    book = FactBook.of(library)
    try:
        lookup = book.lookup(args.text)
        numbered = number_facts(lookup.matches)
        if args.json:
            print_json({"metrics": lookup.query.metrics, "periods": lookup.query.periods,
                        "unknown_issuer": lookup.query.unknown_issuer, "other_periods": lookup.other_periods,
                        "facts": [{"tag": f"F{n.number}", "written": n.written("zh"), **n.fact.to_json()}
                                  for n in numbered]})
            return 0
        if lookup.query.unknown_issuer:
            print(f"No document in the library is about {lookup.query.unknown_issuer}.")
        for n in numbered:
            f = n.fact
            print(f"{{F{n.number}}} {f.row_label} | {f.column} | {n.written('zh')} | p. {f.page}"
                  + (" (computed)" if n.computed else ""))
        if not numbered:
            print("No facts found.", file=sys.stderr)
    finally:
        book.close()
        library.close()
    return 0
