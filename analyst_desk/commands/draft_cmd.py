"""``analyst-desk draft --template NAME --subject "…" -o report.docx``: a cited report draft."""

from __future__ import annotations

import sys
from pathlib import Path

from analyst_desk.commands.common import add_model_option, open_chat_engine
from analyst_desk.core.errors import AppError


def register(subparsers) -> None:
    parser = subparsers.add_parser("draft", help="draft a report from a template, citing your documents")
    parser.add_argument("--template", required=False, help="template name, e.g. company_brief or 公司简报")
    parser.add_argument("--subject", help="company, client or topic")
    parser.add_argument("--docs", nargs="*", default=None, help="only these documents (id, title or path)")
    parser.add_argument("--search", default="", help="only documents found by this saved search")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--length", choices=["short", "medium", "long"], default="short")
    parser.add_argument("--kind", choices=["auto", "bank", "insurer", "securities", "industrial"], default="auto",
                        help="kind of company the template's sections are chosen for (auto: from the documents)")
    parser.add_argument("-o", "--output", help="report.docx or report.md")
    parser.add_argument("--list-templates", action="store_true", help="list the templates and exit")
    add_model_option(parser)
    parser.set_defaults(handler=run)


def resolve_docs(library, names: list[str] | None) -> list[str] | None:
    """Document ids for names given on the command line; a name that matches nothing is an error."""
    if not names:
        return None
    ids = []
    for name in names:
        record = library.find_document(name)
        if record is None:
            raise AppError(code="library.no_document", params={"name": name})
        ids.append(record.doc_id)
    return ids


def run(args) -> int:
    from analyst_desk.commands.common import audit_gate
    from analyst_desk.core.compliance.audit import audit_required
    from analyst_desk.core.compliance.audit_watch import AuditWatch, HeldStore
    from analyst_desk.core.drafting.drafts import DraftStore, mark_draft
    from analyst_desk.core.drafting.export import export_draft
    from analyst_desk.core.drafting.model_choice import apply_model_choice
    from analyst_desk.core.drafting.templates import find_template, kind_for_subject, load_templates
    from analyst_desk.core.drafting.writer import new_draft, write_draft
    from analyst_desk.core.facts import FactBook
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.services import Services

    if args.list_templates:
        templates, problems = load_templates()
        for t in templates:
            print(f"{t.name}\t{t.title_in('zh')} / {t.title_in('en')}\t{len(t.sections)} sections"
                  + ("\t(user)" if t.user else ""))
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
        return 0
    if not (args.template and args.subject and args.output):
        raise AppError(code="cli.draft_needs_args")
    if Path(args.output).suffix.lower() not in {".docx", ".md", ".markdown"}:
        raise AppError(code="cli.draft_output_suffix")
    template = find_template(args.template)
    services = Services()
    library = open_libraries(read_only=True)  # reads only: no writer lock, no recovery (issue 22)
    engine = None
    facts = None
    try:
        doc_ids = resolve_docs(library, args.docs)
        kind = args.kind if args.kind != "auto" else kind_for_subject(library.documents(), args.subject, doc_ids)
        draft = new_draft(template, args.subject, language=args.lang, length=args.length,
                          doc_ids=doc_ids, saved_search=args.search, kind=kind)
        print(f"Sections for kind: {kind}", file=sys.stderr)
        apply_model_choice("drafting", args, services.settings)
        engine = open_chat_engine(args, settings=services.settings)
        facts = FactBook.of(library)
        store = DraftStore()
        # Under the policy that requires auditing, nothing is shown, saved or exported before every
        # section's record is written.
        held = audit_required()
        watch = AuditWatch.watch(services.audit, "drafting")

        def on_chunk(index: int, chunk: str, shown=set()) -> None:
            if index not in shown:
                shown.add(index)
                sys.stdout.write(f"\n## {draft.sections[index].title}\n")
            sys.stdout.write(chunk)
            sys.stdout.flush()

        write_draft(draft, library, engine, store=HeldStore() if held else store,
                    on_chunk=None if held else on_chunk, audit=services.audit, facts=facts)
        audit_gate(services.audit, watch)  # AuditNotRecorded under the policy: exit 1, nothing written
        if mark_draft(draft, watch.reason, whole=True) and not held:
            store.save(draft)  # the unaudited mark is saved with the draft: reopened, it is still marked
        if held:
            store.save(draft)
            for section in draft.sections:
                sys.stdout.write(f"\n## {section.title}\n{section.text}")
        path = export_draft(draft, Path(args.output), services.settings)
        total = verified = flags = 0
        for index in range(len(draft.sections)):
            v = draft.verify_section(index)
            total, verified, flags = total + v.figures_total, verified + v.figures_verified, flags + len(v.flags)
        print(f"\n\nSaved {path} (draft {draft.draft_id} in {store.folder}).")
        print(f"Figures verified: {verified}/{total}; {flags} flags to check.")
    finally:
        if engine is not None:
            engine.close()
        if facts is not None:
            facts.close()
        library.close()
        services.close()
    return 0
