"""Generated documents for library tests: small, real files with known content on known pages."""

from __future__ import annotations

from pathlib import Path

import pymupdf

CN_REPORT_PAGES = [
    ("第一章 公司简介", ["华东商业银行股份有限公司成立于1998年，总部位于杭州。", "本行2024年坚持稳健经营，服务实体经济。"]),
    ("第二章 会计数据和财务指标", ["（货币单位：人民币百万元）", "ROW 营业收入 | 52,310 | 49,876 | 4.9%",
                              "ROW 净息差 | 2.05% | 2.21% | -0.16 个百分点", "ROW 不良贷款率 | 1.12% | 1.18% | -0.06 个百分点"]),
    ("第三章 管理层讨论与分析", ["一、零售业务", "2024年本行零售客户数达到1,250万户，财富管理规模增长18%。",
                              "二、风险管理", "本行持续加强信用风险管理，拨备覆盖率保持在260%以上。"]),
]


def write_pdf(path: Path, pages: list[tuple[str, list[str]]], *, header: str = "华东商业银行 2024年年度报告") -> Path:
    """A PDF whose pages have a running header, a heading and lines; "ROW a | b | c" draws table cells."""
    doc = pymupdf.open()
    for number, (heading, lines) in enumerate(pages, start=1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 40), header, fontname="china-s", fontsize=9)
        page.insert_text((72, 110), heading, fontname="china-s", fontsize=16)
        y = 150
        for line in lines:
            if line.startswith("ROW "):
                for i, cell in enumerate(line[4:].split(" | ")):
                    page.insert_text((72 + i * 120, y), cell, fontname="china-s", fontsize=10)
            else:
                page.insert_text((72, y), line, fontname="china-s", fontsize=10)
            y += 24
        page.insert_text((290, 810), str(number), fontname="helv", fontsize=9)
    doc.set_metadata({"title": path.stem})
    doc.save(path)
    doc.close()
    return path


def write_english_pdf(path: Path) -> Path:
    return write_pdf(path, [
        ("Company overview", ["Northwind Capital is an asset manager based in Singapore.",
                              "It manages USD 12.4 billion for pension funds and insurers."]),
        ("Financial highlights", ["Unit: USD million", "ROW Revenue | 842.5 | 790.1 | 6.6%",
                                  "ROW Net profit | 211.3 | 188.0 | 12.4%",
                                  "The cost-to-income ratio improved to 48.2% from 51.0%."]),
    ], header="Northwind Capital Annual Report 2024")


def write_image_only_pdf(path: Path, text: str) -> Path:
    """A scanned-looking page: the text exists only as pixels."""
    source = pymupdf.open()
    page = source.new_page(width=420, height=200)
    page.insert_text((20, 80), text, fontname="china-s", fontsize=22)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(2, 2))
    scanned = pymupdf.open()
    target = scanned.new_page(width=420, height=200)
    target.insert_image(target.rect, stream=pix.tobytes("png"))
    scanned.save(path)
    return path


def write_encrypted_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="user")
    return path


def write_long_pdf(path: Path, pages: int) -> Path:
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        doc.new_page(width=300, height=300).insert_text((30, 60), f"Appendix record {number}: exposure "
                                                                    f"{number * 7:,} thousand.", fontsize=9)
    doc.save(path)
    return path
