"""Drafting benchmark: time to first token for a grounded question, app vs bare llama-cpp-python.

In one run, on the identical prompt (system prompt + 5 retrieved passages + question, ~2k
tokens): time to first token through the app's grounded path (retrieval already done; token
budgeting, prompt assembly and the engine) vs bare ``Llama.create_chat_completion`` (target: app
overhead ≤10%); a follow-up question over the same passages, where llama.cpp reuses the cached
prefix (target: ≤50% of the cold time); and the wall time of a whole company brief.

Usage: python bench/drafting.py [--runs N] [--model FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTION = "平安银行2024年的营业收入和净利润是多少？同比变化如何？"
FOLLOW_UP = "平安银行2024年的不良贷款率和拨备覆盖率是多少？"


def corpus(folder: Path) -> list[Path]:
    """The Ping An 2024 annual report when the team data is present, else a generated report."""
    shared = ROOT.parent / "shared" / "data" / "cn_bank_annual_report_pingan_2024"
    found = sorted(shared.glob("*.pdf")) if shared.is_dir() else []
    if found:
        return found[:1]
    from tests.library_docs import CN_REPORT_PAGES, write_pdf

    return [write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)]


def app_first_token(engine, hits, question: str, max_tokens: int) -> float:
    """Seconds from calling the grounded path to its first streamed chunk."""
    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.drafting.answering import generate_grounded

    cancel = CancelToken()
    first: list[float] = []
    start = time.perf_counter()

    def on_chunk(_chunk: str) -> None:
        if not first:
            first.append(time.perf_counter() - start)
            cancel.cancel()  # only the first token is measured

    generate_grounded(engine, task=question, hits=hits, language="zh", max_tokens=max_tokens, cancel=cancel,
                      on_chunk=on_chunk)
    return first[0] if first else float("nan")


def bare_first_token(llm, messages: list[dict], max_tokens: int) -> float:
    start = time.perf_counter()
    stream = llm.create_chat_completion(messages=messages, stream=True, max_tokens=max_tokens, temperature=0.1)
    for event in stream:
        if event["choices"][0].get("delta", {}).get("content"):
            elapsed = time.perf_counter() - start
            stream.close()
            return elapsed
    return float("nan")


def _prompt_tokens(engine, hits) -> int:
    from analyst_desk.core.drafting.answering import stable_numbering
    from analyst_desk.core.drafting.prompts import PromptParts, render_sources

    parts = PromptParts(task=QUESTION, language="zh", sources_text=render_sources(stable_numbering(hits)))
    return sum(engine.count_tokens(m.content) for m in parts.messages())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from llama_cpp import Llama

    from analyst_desk.core.config import default_threads
    from analyst_desk.core.drafting.answering import stable_numbering
    from analyst_desk.core.drafting.prompts import PromptParts, render_sources
    from analyst_desk.core.drafting.templates import find_template
    from analyst_desk.core.drafting.writer import new_draft, write_draft
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine
    from analyst_desk.core.library import open_libraries

    threads = default_threads()
    model_path = ROOT / "models" / args.model
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANALYST_DESK_HOME"] = folder
        library = open_libraries()
        pdfs = corpus(Path(folder))
        library.add_paths(pdfs)
        engine = LlamaEngine(model_path, LoadOptions(context_size=4096, threads=threads)).load()
        bare = Llama(model_path=str(model_path), n_ctx=4096, n_threads=threads, n_threads_batch=threads, seed=42,
                     verbose=False)
        print(f"machine: {os.cpu_count()} cores, {threads} threads; model {args.model}; corpus {pdfs[0].name}; "
              f"{args.runs} interleaved cold runs per prompt size")
        warmed = False
        for k in (5, None):
            hits = library.search(QUESTION, k=k or 12)
            if k is None:  # as many passages as make a ~2k-token prompt
                while len(hits) > 5 and _prompt_tokens(engine, hits) > 2100:
                    hits = hits[:-1]
            sources = stable_numbering(hits)
            messages = [m.to_dict() for m in PromptParts(task=QUESTION, language="zh",
                                                          sources_text=render_sources(sources)).messages()]
            tokens = sum(engine.count_tokens(m["content"]) for m in messages)
            if not warmed:
                bare_first_token(bare, messages, 4), app_first_token(engine, hits, QUESTION, 4)  # page in weights
                warmed = True
            app_cold, bare_cold, app_follow = [], [], []
            for _ in range(args.runs):
                bare.reset()
                bare_cold.append(bare_first_token(bare, messages, 64))
                engine._llm.reset()  # cold: no cached prefix
                app_cold.append(app_first_token(engine, hits, QUESTION, 64))
                app_follow.append(app_first_token(engine, hits, FOLLOW_UP, 64))  # prefix cached by the call before
            a, b, f = statistics.median(app_cold), statistics.median(bare_cold), statistics.median(app_follow)
            print(f"{len(hits)} passages, {tokens} prompt tokens:")
            print(f"  bare llama-cpp-python, cold : first token {b * 1000:7.0f} ms")
            print(f"  Analyst Desk, cold          : first token {a * 1000:7.0f} ms   ratio app/bare {a / b:5.3f} "
                  f"(target ≤ 1.10)")
            print(f"  Analyst Desk, follow-up     : first token {f * 1000:7.0f} ms   {f / a:5.1%} of cold "
                  "(target ≤ 50%)")
        bare.close()

        draft = new_draft(find_template("company_brief"), "平安银行" if "pingan" in str(pdfs[0]).lower()
                          or "平安" in pdfs[0].name else "华东银行", language="zh", length="short")
        start = time.perf_counter()
        write_draft(draft, library, engine)
        seconds = time.perf_counter() - start
        total = verified = flags = 0
        for index in range(len(draft.sections)):
            v = draft.verify_section(index)
            total, verified, flags = total + v.figures_total, verified + v.figures_verified, flags + len(v.flags)
        words = sum(len(s.text) for s in draft.sections)
        print(f"whole draft (company_brief, short, {len(draft.sections)} sections): {seconds:5.1f} s, "
              f"{words} characters; figures verified {verified}/{total}; {flags} flags")
        engine.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
