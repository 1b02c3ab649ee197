"""Facts read at import: every table cell of an imported report as a :class:`~.model.Fact` (its label,
period, unit and page), settled to one answer per metric and period, and kept in the library's own
``facts.sqlite``, which only the library writes, under its writer lock, with the passages.

It sits inside the library because the library owns that store; finding a fact for a question is
:mod:`analyst_desk.core.facts`, a floor above, which reads what is stored here (no Qt).
"""
