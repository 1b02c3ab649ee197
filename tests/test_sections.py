"""A section map per document, built at import: the report's chapters and sub-headings with their pages.

- a prospectus with bookmarks gets one section per bookmark, nested, each with the pages it covers;
- without bookmarks the heading lines (第X节, 一、, （一）, 1.1, larger type) make the map, and the
  table-of-contents page makes no sections of its own;
- a library imported before section maps existed gets one built from its stored passages when asked;
- the map belongs to one version of the file: a changed file gets a new one.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from analyst_desk.core.library.sections import (SECTIONS_DIR, build_section_map, clean_title, load_section_map,
                                                section_map_of)

ISSUER = "东港科技股份有限公司"
#: (heading level or 0 for body text, text). Level 1 prints at 16 pt, level 2 at 13 pt, body at 10 pt.
PROSPECTUS_PAGES: list[list[tuple[int, str]]] = [
    [(1, f"{ISSUER}首次公开发行股票招股说明书"), (0, "本次发行股票拟在深圳证券交易所上市。"),
     (0, "保荐人（主承销商）：民生证券股份有限公司")],
    [(1, "目 录"), (0, "第一节 概览 ........................ 3"), (0, "第二节 业务与技术 .................. 4"),
     (0, "第三节 环境和社会责任 ................ 5"), (0, "第四节 同业竞争与关联交易 ............ 6"),
     (0, "第五节 控股子公司 .................... 7"), (0, "第六节 风险因素 ...................... 8")],
    [(1, "第一节 概览"), (0, "公司主要从事票据印刷和智能卡的研发、生产和销售。"),
     (0, "公司的控股股东为东港控股有限公司，实际控制人为邹承慧先生。"),
     (0, "邹承慧先生于2008年将其持有的“一种防伪票据的印刷方法”发明专利（专利号ZL200510012345.6）转让给公司。")],
    [(1, "第二节 业务与技术"), (2, "一、主营业务"), (0, "公司的主营业务为商业票据、智能卡及物流标签的印刷。"),
     (0, "2009年公司实现营业收入52,310万元，其中票据印刷收入占68.5%。"), (2, "二、主要产品"),
     (0, "公司的主要产品包括商业票据、智能卡和数据处理服务。")],
    [(1, "第三节 环境和社会责任"), (2, "一、环境信息情况"),
     (0, "公司持有济南市生态环境局核发的排污许可证，许可证编号91370100MA3C。"),
     (0, "报告期内公司化学需氧量排放量为12.5吨，氨氮排放量为1.3吨，均低于核定的排放总量。"),
     (0, "公司建有日处理能力500吨的污水处理站和活性炭废气吸附装置，运行正常。"),
     (0, "公司未发生重大环境污染事故，未受到环保部门的行政处罚。"),
     (2, "二、社会责任情况"),
     (0, "公司向济南市慈善总会捐赠人民币200万元，用于资助困难学生。"),
     (0, "公司为员工足额缴纳社会保险和住房公积金，报告期内开展安全生产培训36次。")],
    [(1, "第四节 同业竞争与关联交易"), (2, "一、同业竞争"),
     (0, "公司与控股股东及其控制的其他企业之间不存在同业竞争。"),
     (0, "控股股东承诺不直接或间接从事与公司相同或相似的业务。"),
     (0, "关联交易的具体情况参见本招股说明书第七节。")],
    [(1, "第五节 控股子公司"), (0, "截至2009年12月31日，公司拥有六家控股子公司，情况如下："),
     (0, "ROW 序号 | 子公司名称 | 注册资本（万元） | 持股比例"),
     (0, "ROW 1 | 北京东港安全印刷有限公司 | 5,000 | 100%"), (0, "ROW 2 | 上海东港数据处理有限公司 | 3,000 | 100%"),
     (0, "ROW 3 | 济南东港智能卡有限公司 | 2,000 | 75%"), (0, "ROW 4 | 广州东港票据有限公司 | 1,500 | 100%"),
     (0, "ROW 5 | 成都东港物流标签有限公司 | 1,000 | 60%"), (0, "ROW 6 | 武汉东港信息技术有限公司 | 800 | 51%")],
    [(1, "第六节 风险因素"), (2, "一、市场竞争风险"), (0, "票据印刷行业企业众多，市场竞争激烈，产品价格存在下降的风险。"),
     (2, "二、原材料价格波动风险"), (0, "公司主要原材料为纸张和油墨，其价格波动将影响公司的毛利率。")],
]
OUTLINE = [[1, "第一节 概览", 3], [1, "第二节 业务与技术", 4], [2, "一、主营业务", 4], [2, "二、主要产品", 4],
           [1, "第三节 环境和社会责任", 5], [2, "一、环境信息情况", 5], [2, "二、社会责任情况", 5],
           [1, "第四节 同业竞争与关联交易", 6], [1, "第五节 控股子公司", 7], [1, "第六节 风险因素", 8]]


def write_prospectus(path: Path, *, outline: bool = False, pages=PROSPECTUS_PAGES) -> Path:
    """A small prospectus PDF: a cover, a table of contents and six chapters; "ROW a | b" draws table cells."""
    doc = pymupdf.open()
    for number, lines in enumerate(pages, start=1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 40), f"{ISSUER} 招股说明书", fontname="china-s", fontsize=9)
        y = 100
        for level, text in lines:
            if text.startswith("ROW "):
                x = 60
                for cell in text[4:].split(" | "):
                    page.insert_text((x, y), cell, fontname="china-s", fontsize=10)
                    x += 40 if len(cell) <= 2 else 190 if len(cell) > 8 else 110
            else:
                size = {1: 16, 2: 13}.get(level, 10)
                page.insert_text((72, y), text, fontname="china-s", fontsize=size)
            y += 30 if level else 22
        page.insert_text((290, 810), str(number), fontname="helv", fontsize=9)
    if outline:
        doc.set_toc(OUTLINE)
    doc.set_metadata({"title": path.stem})
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def embedder():
    return UseEmbedder(threads=2)


def _import(folder: Path, pdf: Path, embedder) -> tuple[Library, str]:
    library = Library(folder, embedder)
    report = library.add_paths([pdf])
    assert all(r.ok for r in report.results), report.results
    return library, report.results[0].doc_id


def _by_title(section_map) -> dict:
    return {s.title: s for s in section_map.sections}


def test_a_prospectus_with_bookmarks_gets_one_section_per_bookmark_nested_with_its_pages(tmp_path, embedder):
    library, doc_id = _import(tmp_path / "lib", write_prospectus(tmp_path / "东港科技.pdf", outline=True), embedder)
    section_map = section_map_of(library, doc_id)
    assert section_map.source == "outline"
    assert (tmp_path / "lib" / SECTIONS_DIR / f"{doc_id}.json").is_file(), "built and stored at import"
    sections = _by_title(section_map)
    bookmarked = [e[1] for e in OUTLINE]
    assert [s.title for s in section_map.sections if s.title in bookmarked] == bookmarked
    # Heading lines the bookmarks leave out (the cover title, 目录) are kept, below every bookmark level.
    assert all(s.level > 2 for s in section_map.sections if s.title not in bookmarked)
    environment = sections["一、环境信息情况"]
    assert environment.pages == [5]
    assert section_map.sections[environment.parent].title == "第三节 环境和社会责任"
    assert sections["第二节 业务与技术"].pages == [4]
    assert [c.title for c in section_map.children(sections["第二节 业务与技术"])] == ["一、主营业务", "二、主要产品"]
    # The section's passages are its own: the environment text, not the social-responsibility text after it.
    passages = [c for c in library.chunks(doc_id)
                if environment.first_chunk <= int(c.chunk_id.rsplit("-", 1)[1]) <= environment.last_chunk]
    text = "".join(p.text for p in passages)
    assert "排污许可证" in text and "化学需氧量" in text and "捐赠" not in text
    library.close()


def test_without_bookmarks_heading_lines_make_the_map_and_the_contents_page_makes_none(tmp_path, embedder):
    library, doc_id = _import(tmp_path / "lib", write_prospectus(tmp_path / "东港科技.pdf"), embedder)
    section_map = section_map_of(library, doc_id)
    assert section_map.source == "headings"
    sections = _by_title(section_map)
    for title in ("第一节 概览", "第三节 环境和社会责任", "一、环境信息情况", "二、社会责任情况", "第六节 风险因素"):
        assert title in sections, f"{title} missing from {list(sections)}"
    assert sections["一、环境信息情况"].level > sections["第三节 环境和社会责任"].level
    assert sections["一、环境信息情况"].pages == [5]
    assert sections["第六节 风险因素"].pages == [8]
    assert section_map.sections[sections["二、原材料价格波动风险"].parent].title == "第六节 风险因素"
    # Table-of-contents lines ("第一节 概览 ...... 3") are not sections that start on page 2.
    assert not [s for s in section_map.sections if s.page_start == 2 and s.level > 1 and "目" not in s.title]
    library.close()


def test_a_library_imported_before_section_maps_gets_one_from_its_stored_passages(tmp_path, embedder):
    library, doc_id = _import(tmp_path / "lib", write_prospectus(tmp_path / "东港科技.pdf"), embedder)
    stored = tmp_path / "lib" / SECTIONS_DIR / f"{doc_id}.json"
    before = load_section_map(tmp_path / "lib", doc_id)
    stored.unlink()
    rebuilt = section_map_of(library, doc_id)
    assert rebuilt is not None and stored.is_file()
    assert [s.title for s in rebuilt.sections] == [s.title for s in before.sections]
    library.close()


def test_a_changed_file_gets_a_new_map(tmp_path, embedder):
    pdf = write_prospectus(tmp_path / "东港科技.pdf")
    library, doc_id = _import(tmp_path / "lib", pdf, embedder)
    old = section_map_of(library, doc_id)
    pages = [list(p) for p in PROSPECTUS_PAGES]
    pages[7] = [(1, "第六节 发行人基本情况"), (0, "公司成立于1996年，注册地为山东省济南市。")]
    write_prospectus(pdf, pages=pages)
    assert all(r.ok for r in library.add_paths([pdf]).results)
    new = section_map_of(library, doc_id)
    assert new.sha256 != old.sha256
    assert "第六节 发行人基本情况" in _by_title(new) and "第六节 风险因素" not in _by_title(new)
    library.close()


def test_section_maps_from_passages_alone():
    """Pure logic: nesting follows the heading paths; a table-of-contents line loses its dot leaders."""
    rows = [{"ordinal": 0, "page": 1, "pages": [1], "heading": "", "text": "封面"},
            {"ordinal": 1, "page": 3, "pages": [3], "heading": "第一节 概览", "text": "公司简介。"},
            {"ordinal": 2, "page": 3, "pages": [3], "heading": "第一节 概览 > 一、基本情况", "text": "成立于1996年。"},
            {"ordinal": 3, "page": 4, "pages": [4], "heading": "第一节 概览 > 二、主营业务", "text": "票据印刷。"},
            {"ordinal": 4, "page": 5, "pages": [5, 6], "heading": "第二节 风险因素", "text": "市场竞争风险。"}]
    section_map = build_section_map(rows, doc_id="d")
    titles = [(s.title, s.level, s.page_start, s.page_end) for s in section_map.sections]
    assert titles == [("第一节 概览", 1, 3, 4), ("一、基本情况", 2, 3, 3), ("二、主营业务", 2, 4, 4),
                      ("第二节 风险因素", 1, 5, 6)]
    assert section_map.containing(3).title == "二、主营业务"
    assert clean_title("第三节 环境和社会责任 ........ 25") == "第三节 环境和社会责任"
