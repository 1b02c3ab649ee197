"""Grounded answers and report drafts: every claim cited, every figure checked (no Qt)."""

from analyst_desk.core.drafting.answering import GroundedResult, answer_question, generate_grounded
from analyst_desk.core.drafting.drafts import Draft, DraftStore, SectionDraft
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.templates import ReportTemplate, TemplateError, find_template, load_templates
from analyst_desk.core.drafting.verification import Flag, Verification, verify
from analyst_desk.core.drafting.writer import new_draft, write_draft

__all__ = ["Draft", "DraftStore", "SectionDraft", "GroundedResult", "answer_question", "generate_grounded", "Source",
           "ReportTemplate", "TemplateError", "find_template", "load_templates", "Flag", "Verification", "verify",
           "new_draft", "write_draft"]
