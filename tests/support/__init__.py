"""Test doubles and helpers shared by more than one test module (``from tests.support.engines import …``).

A double here stands in for a component only where a test checks the logic around it; what a feature
does is proven with the real component (the GGUF models, LanceDB, PyMuPDF) — see STYLE.md, Tests.
"""
