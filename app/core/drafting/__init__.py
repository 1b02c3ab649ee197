"""Grounded answers and report drafts: every claim cited, every figure checked (no Qt)."""

from app.core.drafting.drafts import Draft, DraftStore, SectionDraft
from app.core.drafting.answering import GroundedResult, answer_question, generate_grounded
from app.core.drafting.sources import Source
from app.core.drafting.templates import ReportTemplate, TemplateError, find_template, load_templates
from app.core.drafting.verification import Flag, Verification, verify
from app.core.drafting.writer import new_draft, write_draft

__all__ = ["Draft", "DraftStore", "SectionDraft", "GroundedResult", "answer_question", "generate_grounded", "Source",
           "ReportTemplate", "TemplateError", "find_template", "load_templates", "Flag", "Verification", "verify",
           "new_draft", "write_draft"]
