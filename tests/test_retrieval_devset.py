"""The answers dev set over the five team documents, and the retrieval floor it holds the library to."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from tests.conftest import ROOT

DEVSET = ROOT / "tests" / "data" / "answers_devset.json"


def load_devset() -> dict:
    return json.loads(DEVSET.read_text(encoding="utf-8"))


def test_the_dev_set_covers_five_documents_both_languages_and_questions_the_library_cannot_answer():
    devset = load_devset()
    questions = devset["questions"]
    assert len(questions) >= 60
    assert len({q["id"] for q in questions}) == len(questions)
    answerable = [q for q in questions if q["answerable"]]
    assert len(questions) - len(answerable) >= 10
    assert all(not q["pages"] and q["answer"] is None for q in questions if not q["answerable"])
    per_document = Counter(q["doc"] for q in answerable)
    assert set(per_document) == set(devset["documents"]) and min(per_document.values()) >= 8
    assert {q["kind"] for q in answerable} == {"figure", "table", "text"}
    assert sum(q["language"] == "en" for q in questions) >= 8
    for q in answerable:
        assert q["pages"] and q["answer"], q["id"]
        if q["kind"] in ("figure", "table"):
            assert re.search(r"\d", q["answer"]) and q["unit"], q["id"]


@pytest.mark.shared_data
def test_every_evidence_page_is_exactly_the_pages_that_print_the_evidence(shared_data):
    """Recomputed from the PDFs: a page is evidence iff its text holds every string of one alternative."""
    import pymupdf

    devset = load_devset()
    texts = {}
    for key, info in devset["documents"].items():
        with pymupdf.open(shared_data / info["path"]) as doc:
            texts[key] = [re.sub(r"\s+", "", page.get_text()) for page in doc]
    for q in devset["questions"]:
        if not q["answerable"]:
            continue
        pages = {number for number, text in enumerate(texts[q["doc"]], start=1)
                 if any(all(re.sub(r"\s+", "", s) in text for s in alternative) for alternative in q["evidence"])}
        assert sorted(pages) == q["pages"], q["id"]


@pytest.mark.shared_data
def test_each_document_profile_is_read_from_its_pages(shared_data):
    """Issuer, report type and period from the text, against the profile the dev set states for each."""
    import pymupdf

    from analyst_desk.core.library.document_profile import read_profile

    for key, info in load_devset()["documents"].items():
        with pymupdf.open(shared_data / info["path"]) as doc:
            profile = read_profile([page.get_text() for page in doc], doc.metadata.get("title") or "")
        assert (profile.issuer, profile.report_type, profile.period) == (
            info["issuer"], info["report_type"], info["period"]), key


@pytest.fixture(scope="module")
def devset_library(tmp_path_factory):
    from analyst_desk.core.library import Library
    from analyst_desk.core.library.embedders import UseEmbedder
    from analyst_desk.core.library.library import doc_id_for
    from tests.conftest import SHARED_DATA

    devset = load_devset()
    files = {key: SHARED_DATA / info["path"] for key, info in devset["documents"].items()}
    if not all(path.is_file() for path in files.values()):
        pytest.skip("team sample documents not present")
    library = Library(tmp_path_factory.mktemp("answers-lib"), UseEmbedder(threads=2))
    report = library.add_paths(list(files.values()))
    assert all(r.status == "indexed" for r in report.results), [r.message for r in report.results]
    yield library, devset, {key: doc_id_for(path) for key, path in files.items()}
    library.close()


@pytest.mark.slow
@pytest.mark.shared_data
def test_importing_the_five_documents_reads_each_ones_issuer_type_and_period(devset_library):
    library, devset, doc_ids = devset_library
    records = {r.doc_id: r for r in library.documents()}
    for key, info in devset["documents"].items():
        record = records[doc_ids[key]]
        assert (record.company, record.doc_type, record.period) == (info["issuer"], info["report_type"],
                                                                     info["period"]), key


@pytest.mark.slow
@pytest.mark.shared_data
def test_nine_in_ten_questions_find_an_evidence_page_in_the_top_five(devset_library):
    """Measured 0.96 hit@5 (0.73 hit@1) when the floor was set; the naive page BM25 is in bench/answers.py."""
    library, devset, doc_ids = devset_library
    answerable = [q for q in devset["questions"] if q["answerable"]]
    found, first, misses = 0, 0, []
    for q in answerable:
        hits = [(h.doc_id, h.page) for h in library.search(q["q"], k=5)]
        ranks = [i for i, (doc, page) in enumerate(hits) if doc == doc_ids[q["doc"]] and page in q["pages"]]
        found += bool(ranks)
        first += bool(ranks and ranks[0] == 0)
        if not ranks:
            misses.append(f"{q['id']} {q['q']} wanted {q['pages']}, got {hits}")
    print(f"evidence page hit@1 {first / len(answerable):.2f}, hit@5 {found / len(answerable):.2f}")
    assert found / len(answerable) >= 0.9, misses
    assert first / len(answerable) >= 0.6, misses


@pytest.mark.slow
@pytest.mark.shared_data
def test_a_question_naming_an_issuer_is_answered_from_that_issuers_document_only(devset_library):
    library, _devset, doc_ids = devset_library
    for question, key in [("南岭民爆2005年净利润", "nanling"), ("神华的控股股东", "shenhua"),
                          ("What is the issue price of Guodian Power's offering?", "guodian"),
                          ("平安银行净利润", "pingan")]:
        assert {h.doc_id for h in library.search(question, k=5)} == {doc_ids[key]}, question


@pytest.mark.slow
@pytest.mark.shared_data
def test_the_keyword_index_is_written_with_the_documents_and_leaves_with_them(devset_library):
    library, _devset, doc_ids = devset_library
    folder = library.folder / "keywords"
    assert {p.name for p in folder.glob("*.json.gz")} == {f"{d}.json.gz" for d in doc_ids.values()}
