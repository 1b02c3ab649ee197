"""The headless core must work without a display or Qt: every core module imports with Qt absent."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}:
            raise ImportError(f"Qt imported by the core: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import analyst_desk.core
failed = []
count = 0
for info in pkgutil.walk_packages(analyst_desk.core.__path__, "analyst_desk.core."):
    count += 1
    try:
        importlib.import_module(info.name)
    except ImportError as exc:
        if "Qt imported by the core" in str(exc):
            failed.append(f"{info.name}: {exc}")
print(count)
if failed:
    print("\n".join(failed))
    sys.exit(1)
"""


def test_every_core_module_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.split()[0]) >= 8  # really walked the core
