"""A Chinese user exporting unmasked personal data is told what kinds it holds in Chinese, whatever the kind."""

from __future__ import annotations

import re

from analyst_desk.core.compliance.export_guard import export_warnings
from analyst_desk.core.config import Settings


def test_an_unmasked_export_names_every_kind_of_personal_data_in_chinese():
    text = ("护照号 E12345678；港澳通行证 C98765432；住址：北京市朝阳区建国路88号3号楼1201室；"
            "家庭电话 010-88886666；车牌号 京A·12345；香港身份证 HKID: A123456(7)")
    warnings = export_warnings(text, Settings(mask_on_export=False), language="zh")
    assert warnings and not re.search(r"[A-Za-z]{3,}", warnings[0]), warnings
    for word in ("护照号", "通行证号", "住址", "固定电话", "车牌号", "港澳身份证号"):
        assert word in warnings[0]
