"""Print hit@1 / hit@5 / MRR of library search on the bilingual set in tests/data/retrieval_set.json.

Usage: python bench/retrieval_eval.py   (uses ../shared/data when present, plus generated documents)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_corpus(folder: Path) -> dict[str, Path]:
    from tests.library_docs import CN_REPORT_PAGES, write_english_pdf, write_pdf

    documents = {"generated:cn": write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES),
                 "generated:en": write_english_pdf(folder / "northwind-annual-report-2024.pdf")}
    shared = ROOT.parent / "shared" / "data"
    pingan = shared / "cn_bank_annual_report_pingan_2024"
    if pingan.is_dir():
        documents["cn_bank_annual_report_pingan_2024"] = next(pingan.glob("*.pdf"))
    return documents


def main() -> int:
    from analyst_desk.core.library import Library
    from analyst_desk.core.library.embedders import UseEmbedder
    from analyst_desk.core.library.evaluation import evaluate, load_questions

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANALYST_DESK_HOME"] = tmp
        documents = build_corpus(Path(tmp))
        library = Library(Path(tmp) / "index", UseEmbedder(threads=os.cpu_count() or 2))
        start = time.perf_counter()
        library.add_paths(list(documents.values()))
        print(f"machine: {os.cpu_count()} cores; imported {len(documents)} documents in "
              f"{time.perf_counter() - start:.1f} s")
        result = evaluate(library, load_questions(ROOT / "tests" / "data" / "retrieval_set.json"), documents)
        print(result.summary())
        for miss in result.misses:
            print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
