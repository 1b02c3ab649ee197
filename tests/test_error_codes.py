"""Every error the app raises for a user carries a code whose text exists in English and Chinese, so the
Chinese window never shows an English sentence typed into a raise (checked over the source, not hoped for)."""

from __future__ import annotations

import ast
from pathlib import Path

from analyst_desk.core import catalog

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analyst_desk"


def _app_error_classes() -> set[str]:
    """Names of AppError and every class deriving from it anywhere in the package (by name, transitively)."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases}
                bases.setdefault(node.name, set()).update(names)
    known = {"AppError"}
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in known and parents & known:
                known.add(name)
                grew = True
    return known


def _is_text(node: ast.AST) -> bool:
    """A string literal, an f-string, or strings joined with + / %: English typed into the raise."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _raises():
    errors = _app_error_classes()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in errors:
                    yield path.relative_to(ROOT).as_posix(), node.lineno, name, node.exc


def test_no_app_error_is_raised_with_english_text_instead_of_a_code():
    """Every AppError carries a code the catalogue renders in the window's language (61 typed English text
    when this test was written): a raise with text of its own would show English in the Chinese window."""
    offenders = [f"{path}:{line} raise {name}(…text…)" for path, line, name, call in _raises()
                 if (call.args and _is_text(call.args[0])) or any(k.arg == "message" and _is_text(k.value)
                                                                   for k in call.keywords)]
    assert not offenders, "\n".join(offenders)


def test_every_code_raised_is_in_the_catalogue():
    missing = []
    for path, line, name, call in _raises():
        for keyword in call.keywords:
            if keyword.arg == "code" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                if keyword.value.value not in catalog.MESSAGES:
                    missing.append(f"{path}:{line} code {keyword.value.value!r}")
    assert not missing, "\n".join(missing)
