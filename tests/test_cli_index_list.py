"""`analyst-desk index list` names each document as the window does — issuer, report type and period from its
pages — and its period in words, never by the PDF's metadata title or the stored period code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from analyst_desk.core import paths
from analyst_desk.core.config import Settings
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.conftest import ROOT
from tests.test_key_figure_table import ISSUER, _prospectus


def _list(*args: str, action: str = "list") -> str:
    env = dict(os.environ, ANALYST_DESK_BLOCK_NETWORK="1")
    result = subprocess.run([sys.executable, "-m", "analyst_desk", "index", action, *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_index_list_search_and_profile_name_a_prospectus_by_its_issuer_and_its_period_in_words(tmp_path):
    Settings(language="zh").save()
    library = Library(paths.data_subdir("index"), UseEmbedder(threads=1))
    library.add_paths([_prospectus(tmp_path / "1-1 招股意向书.pdf")])  # metadata: "Microsoft Word - 1-1 招股意向书.doc"
    library.close()
    shown = _list()
    assert f"{ISSUER} · 招股意向书 · 2006年" in shown and "报告期 2006年1-6月" in shown, shown
    assert "Microsoft Word" not in shown and "2006H1" not in shown
    listed = json.loads(_list("--json"))
    assert listed[0]["display_title"] == f"{ISSUER} · 招股意向书 · 2006年"
    assert listed[0]["period"] == "2006H1" and listed[0]["period_words"] == "2006年1-6月"  # the code stays for scripts
    found = _list("营业收入", action="search")
    assert found.startswith(f"1. {ISSUER} · 招股意向书 · 2006年, p.") and "Microsoft Word" not in found, found
    profile = _list("1-1 招股意向书.pdf", action="profile")
    assert profile.startswith(f"{ISSUER} · 招股意向书 · 2006年:") and "2006年1-6月" in profile, profile
