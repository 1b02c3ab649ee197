"""Figures from the source: every table cell of an imported report as a fact, and their lookup (no Qt)."""

from analyst_desk.core.facts.book import FactBook, FactLookup
from analyst_desk.core.facts.finding import FoundFact
from analyst_desk.core.facts.lookup import FactMatch
from analyst_desk.core.library.labelled_fields import ProfileField
from analyst_desk.core.library.table_facts.model import Fact, convert, render

__all__ = ["Fact", "FactBook", "FactLookup", "FactMatch", "FoundFact", "ProfileField", "convert", "render"]
