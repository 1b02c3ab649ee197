"""The layering we rely on is checked, not hoped for: the core never imports Qt (not even inside a
function), workers never reach into panes, feature packages stay apart, and no unused import or
silently swallowed exception slips in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold():
    result = _run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_ruff_finds_no_unused_imports_or_blind_excepts():
    result = _run("ruff", "check", "analyst_desk", "bench", "packaging", "--output-format", "concise")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def _package_graph():
    """Which subpackages (and top-level modules) of analyst_desk import which, imports inside functions included."""
    import grimp

    graph = grimp.build_graph("analyst_desk", include_external_packages=False)
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            edges.setdefault(module, set()).add(imported)
    return graph, edges


def _strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one member (an import circle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                members.append(member)
                if member == node:
                    break
            if len(members) > 1:
                circles.append(sorted(members))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in list(edges):
        if node not in index:
            visit(node)
    return circles


def test_no_two_modules_import_each_other_directly_or_in_a_circle():
    """Imports inside functions and under TYPE_CHECKING count: shared code lives in the module that owns it."""
    _, edges = _package_graph()
    circles = _strongly_connected(edges)
    assert not circles, "import circles: " + "; ".join(" → ".join(c) for c in sorted(circles))


def test_the_circle_finder_finds_a_circle():
    """The check above can fail: a → b → c → a and a two-module loop are reported, a chain is not."""
    circles = _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d"}, "f": {"a"}})
    assert sorted(circles) == [["a", "b", "c"], ["d", "e"]]
    assert _strongly_connected({"a": {"b"}, "b": {"c"}}) == []


def test_no_two_packages_import_each_other():
    """library ⇄ facts, audit ⇄ audit_retention …: a package circle hides behind function-level imports."""
    _, edges = _package_graph()
    packages: dict[str, set[str]] = {}
    for module, imported in edges.items():
        source = module.rsplit(".", 1)[0]
        for target in imported:
            target_package = target.rsplit(".", 1)[0]
            if target_package != source and not target.startswith(source + ".") and not source.startswith(
                    target_package + "."):
                packages.setdefault(source, set()).add(target_package)
    circles = _strongly_connected(packages)
    assert not circles, "package circles: " + "; ".join(" → ".join(c) for c in sorted(circles))


#: APIs with one home each (ruff's TID251 enforces the Python calls; this catches what ruff cannot, like the
#: CJK range written out in a regex string).
ONE_HOME = {
    "pymupdf.open / fitz.open": (r"\b(pymupdf|fitz)\.open\(", "analyst_desk/core/pdf.py"),
    "os.replace": (r"\bos\.replace\(", "analyst_desk/core/fileio.py"),
    "the CJK range literal": (r"\\u4e00|一-|-\\u9fff|-鿿", "analyst_desk/core/cjk.py"),
}


def test_apis_with_one_home_are_used_only_there():
    import re

    offenders = []
    for what, (pattern, home) in ONE_HOME.items():
        for path in sorted((ROOT / "analyst_desk").rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == home:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(pattern, line):
                    offenders.append(f"{rel}:{number} uses {what} (its home is {home})")
    assert not offenders, "\n".join(offenders)


def test_the_installed_package_is_analyst_desk_and_no_top_level_app():
    """`pip install -e .` puts one top-level name on sys.path, analyst_desk: another distribution's `app`
    can no longer collide with ours."""
    import importlib.util
    from importlib.metadata import distribution

    top_level = distribution("analyst-desk").read_text("top_level.txt") or ""
    assert top_level.split() == ["analyst_desk"]
    assert importlib.util.find_spec("app") is None
    assert Path(importlib.util.find_spec("analyst_desk").origin).parent == ROOT / "analyst_desk"


def test_setup_installs_the_locked_versions_and_this_environment_runs_them():
    """packaging/setup.sh installs requirements.lock before the project (with --no-deps, so nothing is
    resolved again), and every version the lock names is the one installed here: a fresh machine gets
    the LanceDB and PyMuPDF CI tested."""
    from importlib.metadata import PackageNotFoundError, version

    setup = (ROOT / "packaging" / "setup.sh").read_text(encoding="utf-8")
    lock_install = setup.index("-r requirements.lock")
    assert setup.index("--no-deps -e") > lock_install
    locked = dict(line.strip().split("==", 1) for line in (ROOT / "requirements.lock").read_text().splitlines()
                  if line.strip() and not line.startswith("#"))
    assert {"lancedb", "pymupdf", "PySide6_Essentials", "llama_cpp_python"} <= set(locked)
    drift = {}
    for name, pinned in locked.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            drift[name] = (pinned, installed)
    assert not drift, f"installed versions differ from requirements.lock: {drift}"
