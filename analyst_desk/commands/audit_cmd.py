"""``analyst-desk audit list|verify|export`` and ``analyst-desk pii check``."""

from __future__ import annotations

import sys
from pathlib import Path

from analyst_desk.commands.common import print_json, ui_language


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="the tamper-evident log of every generation")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    lst = sub.add_parser("list", help="list records")
    lst.add_argument("--pane")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_list)
    verify = sub.add_parser("verify", help="check every record's keyed hash, the chain and the seal (exit 1 if "
                                           "tampered or not checkable)")
    verify.add_argument("--json", action="store_true")
    verify.add_argument("--checkpoint", metavar="SEQ:HASH",
                        help="a 'last_seq:last_hash' noted from an earlier verify, kept outside the data folder: "
                             "the log must still hold that record")
    verify.set_defaults(handler=run_verify)
    export = sub.add_parser("export", help="export records to Excel")
    export.add_argument("-o", "--output", type=Path, required=True)
    export.add_argument("--pane")
    export.set_defaults(handler=run_export)
    pii = subparsers.add_parser("pii", help="find personal data (ID, card, mobile, email) in a file or text")
    pii_sub = pii.add_subparsers(dest="pii_command", metavar="ACTION", required=True)
    check = pii_sub.add_parser("check", help="list personal data found; --mask prints the masked text")
    check.add_argument("source", help="a text file, or the text itself")
    check.add_argument("--mask", action="store_true")
    check.set_defaults(handler=run_pii)


def _log():
    from analyst_desk.core.compliance.audit import AuditLog

    return AuditLog.open()


def run_list(args) -> int:
    records = _log().records(pane=args.pane)
    if args.json:
        print_json(records)
        return 0
    from analyst_desk.ui import audit_text, i18n  # Qt-free: records read as the Audit pane reads them

    language = ui_language()
    i18n.set_language(language)
    zh = language == "zh"
    if not records:
        print("还没有审计记录。" if zh else "No audit records yet.")
    for r in records:
        flags = audit_text.readable_flags(r)
        flagged = (f"  标记：{'；'.join(flags)}" if zh else f"  flags: {'; '.join(flags)}") if flags else ""
        output = " ".join(audit_text.readable_output(r).split())[:60]
        where = f"{audit_text.pane_name(r['pane'])}/{audit_text.kind_name(r['kind'])}" if zh else f"{r['pane']}/{r['kind']}"
        print(f"{r.get('seq') or '-'}  {r['time']}  {r['user']}  {where}  {r['model'] or '-'}  {output}{flagged}")
    return 0


def run_verify(args) -> int:
    from dataclasses import asdict

    checkpoint = None
    if args.checkpoint:
        seq, _, digest = args.checkpoint.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            print("error: --checkpoint takes SEQ:HASH, as printed by 'audit verify' (e.g. 42:3f…)", file=sys.stderr)
            return 2
        checkpoint = (int(seq), digest.lower())
    result = _log().verify(checkpoint)
    if args.json:
        print_json(asdict(result))
        return 0 if result.ok else 1
    unsealed_legacy = result.ok and result.legacy_records and not result.sealed
    print(("⚠ " if unsealed_legacy else "✓ " if result.ok else "✗ ") + result.message)
    for note in result.notes:
        print(f"  note: {note}")
    if result.ok and result.sealed:
        print(f"  checkpoint: {result.last_seq}:{result.last_hash}  (keep it outside the data folder; "
              "'audit verify --checkpoint' checks the log still holds it)")
    return 0 if result.ok else 1


def run_export(args) -> int:
    from analyst_desk.ui import audit_text, i18n

    language = ui_language()
    i18n.set_language(language)

    def as_read(record: dict) -> dict:
        return {"readable_output": audit_text.readable_output(record), "readable_flags": audit_text.readable_flags(record)}

    path = _log().export_xlsx(args.output, language=language, readable=as_read, pane=args.pane)
    print(f"Wrote {path}")
    return 0


def run_pii(args) -> int:
    from analyst_desk.core.compliance.pii import find_pii, mask_text
    from analyst_desk.core.library.loaders import decode_text

    source = Path(args.source)
    text = decode_text(source.read_bytes(), source.name) if source.is_file() else args.source
    if args.mask:
        sys.stdout.write(mask_text(text) + "\n")
        return 0
    matches = find_pii(text)
    zh = ui_language() == "zh"
    for m in matches:
        if zh:
            print(f"{_KIND_ZH.get(m.kind, m.kind)}：{m.text}（第 {m.start}–{m.end} 个字符）")
        else:
            print(f"{m.kind}: {m.text} (characters {m.start}-{m.end})")
    print(f"共找到 {len(matches)} 处个人信息。" if zh else f"{len(matches)} item(s) of personal data found.")
    return 0


#: What each kind of personal data is called in a Chinese user's listing.
_KIND_ZH = {"id_number": "身份证号", "bank_card": "银行卡号", "mobile": "手机号", "email": "电子邮箱", "name": "姓名",
            "passport": "护照号", "travel_permit": "通行证号", "military_id": "军官证号", "landline": "固定电话",
            "address": "住址", "plate": "车牌号", "hk_id": "港澳身份证号"}
