"""Statement-check sweep: every income statement, cash-flow statement and balance sheet the app finds in the
prospectuses and the Ping An report of ../shared/data, with each identity's result listed, so a false
failure (the printed statement balances, the check says it does not) is visible.

Pages are chosen from the text layer (a page naming 利润总额 and 净利润, 现金流量净额, or 资产总计, and
the pages before and after it, where a statement starts or continues); the tables on them are read with ``extract_tables``
exactly as the app does (continuations joined), and ``check_table`` runs on every table it calls an
income statement, a cash-flow statement or a balance sheet (totals and assets = liabilities + equity;
summary balance sheets included); a summary income or cash-flow statement whose lines no identity adds up is
checked line by line against the document's full statement (the tables read are passed as its document). Printed per document: tables checked, identities ok / failed / not checked (with
the line each not-checked one lacked); every failure with its page, label and numbers.

Usage: python bench/statement_sweep.py [--doc SUBSTRING]... [--all] [--max-pages N]
(--all also lists each ok result; without it only failures and not-checked results are listed.)
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
#: Every prospectus folder there is (cn_prospectus_dev, cn_prospectus_dev2, any added later), then Ping An.
PROSPECTUS_FOLDERS = "cn_prospectus*"
REPORT_FOLDERS = ("cn_bank_annual_report_pingan_2024",)


def documents() -> list[Path]:
    out = []
    folders = sorted(p.name for p in SHARED.glob(PROSPECTUS_FOLDERS) if p.is_dir()) if SHARED.is_dir() else []
    for folder in [*folders, *REPORT_FOLDERS]:
        base = SHARED / folder
        if base.is_dir():
            out.extend(sorted(p for p in base.iterdir() if p.suffix.lower() == ".pdf"))
    return out


def statement_pages(path: Path) -> list[int]:
    """1-based pages whose text names an income-statement or cash-flow line pair, and the pages before and
    after each (a statement whose totals fall on the next page starts on the one before)."""
    from analyst_desk.core.pdf import open_pdf

    pages: set[int] = set()
    with open_pdf(path, max_pages=None) as doc:
        for i in range(doc.page_count):
            text = doc[i].get_text("text").replace(" ", "")
            if ("利润总额" in text and "净利润" in text) or "现金流量净额" in text or "资产总计" in text:
                pages.update((max(i, 1), i + 1, min(i + 2, doc.page_count)))
    return sorted(pages)


def sweep(path: Path, max_pages: int | None, show_ok: bool) -> collections.Counter:
    from analyst_desk.core.extraction.checks import (
        check_table,
        is_balance_sheet,
        is_cash_flow_statement,
        is_income_statement,
        numeric_view,
    )
    from analyst_desk.core.extraction.tables import extract_tables

    pages = statement_pages(path)
    if max_pages:
        pages = pages[:max_pages]
    start = time.process_time()
    tables = extract_tables(path, pages)
    tally: collections.Counter = collections.Counter()
    lines = []
    for table in tables:
        view = numeric_view(table)
        family = ("balance" if is_balance_sheet(view) else "income" if is_income_statement(view)
                  else "cash flow" if is_cash_flow_statement(view) else "")
        if not family:
            continue
        results = check_table(table, tables)  # a summary is held against the full statement among them
        tally[f"{family} tables"] += 1
        if not results:
            tally[f"{family} tables with no identity"] += 1
            lines.append(f"  p.{table.page} {family} «{table.title[:30]}»: NO IDENTITY APPLIES "
                         f"({len(table.rows)} rows; first labels: {[r[0][:12] for r in table.rows[:4]]})")
        if any(r.status == "ok" for r in results):
            tally[f"{family} tables checked"] += 1
        for result in results:
            tally[result.status] += 1
            if result.code.startswith("check.reference"):
                tally[f"reference {result.status}"] += 1
            if result.status == "ok" and not show_ok:
                continue
            where = f"p.{'-'.join(map(str, table.pages)) if len(table.pages) > 1 else table.page} col {result.column}"
            lines.append(f"  {result.status.upper():<12}{family:<10}{where:<14}{result.message}")
    cpu = time.process_time() - start
    print(f"\n{path.parent.name}/{path.name}: {len(pages)} pages read, {cpu:.1f} s CPU; "
          f"income tables {tally['income tables']} ({tally['income tables checked']} with an identity checked), "
          f"cash-flow tables {tally['cash flow tables']} ({tally['cash flow tables checked']} checked), "
          f"balance sheets {tally['balance tables']} ({tally['balance tables checked']} checked); "
          f"ok {tally['ok']}, FAILED {tally['failed']}, not checked {tally['not_checked']}")
    for line in lines:
        print(line)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc", action="append", help="only documents whose file name contains this")
    parser.add_argument("--all", action="store_true", help="list ok results too")
    parser.add_argument("--max-pages", type=int, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    docs = [d for d in documents() if not args.doc or any(s in str(d) for s in args.doc)]
    if not docs:
        print(f"no documents under {SHARED}; nothing swept")
        return 0
    total: collections.Counter = collections.Counter()
    per_folder: dict[str, collections.Counter] = {}
    for doc in docs:
        tally = sweep(doc, args.max_pages, args.all)
        total += tally
        per_folder[doc.parent.name] = per_folder.get(doc.parent.name, collections.Counter()) + tally
    print()
    for folder, tally in per_folder.items():
        count = sum(1 for d in docs if d.parent.name == folder)
        print(_summary(f"{folder} ({count} documents)", tally))
    print(_summary(f"all {len(docs)} documents", total))
    return 0


def _summary(name: str, total: collections.Counter) -> str:
    return (f"{name}: income tables {total['income tables']} ({total['income tables checked']} "
            f"checked), cash-flow tables {total['cash flow tables']} ({total['cash flow tables checked']} checked), "
            f"balance sheets {total['balance tables']} ({total['balance tables checked']} checked) "
            f"({sum(total[f'{f} tables with no identity'] for f in ('income', 'cash flow', 'balance'))}"
            f" with no identity); identities ok {total['ok']}, FAILED {total['failed']}, "
            f"not checked {total['not_checked']}; of all these, summary lines against the full statement: ok "
            f"{total['reference ok']}, FAILED {total['reference failed']}, not checked {total['reference not_checked']}")


if __name__ == "__main__":
    raise SystemExit(main())
