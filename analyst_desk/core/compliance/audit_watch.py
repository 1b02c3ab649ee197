"""Which outputs of one job the audit log could not take, and what that means for showing them.

A job (a draft, the minutes of a meeting, a set of key figures) hands several records to the audit
log; ``AuditLog.last_error`` only says whether the last one was written. ``AuditWatch`` is started
before the job and asked after it: every miss of that pane since the start counts, so one unaudited
section in a five-section draft is not hidden by the four that were written.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyst_desk.core.compliance.audit import AuditNotRecorded, audit_required


@dataclass
class AuditWatch:
    """The audit log's misses for one pane from the moment ``watch`` was called. Thread-safe to read."""

    audit: object | None
    pane: str | None
    start: int

    @classmethod
    def watch(cls, audit, pane: str | None = None) -> "AuditWatch":
        """Start watching ``audit`` (an ``AuditLog``, or ``None`` when nothing is audited) for ``pane``'s
        records (every pane's when ``None``)."""
        return cls(audit, pane, len(getattr(audit, "misses", None) or []))

    def reasons(self) -> list[str]:
        """Why each record since the start could not be written, each reason once, oldest first."""
        missed = list(getattr(self.audit, "misses", None) or [])[self.start:]
        return list(dict.fromkeys(reason for pane, _kind, reason in missed if self.pane in (None, pane)))

    @property
    def reason(self) -> str | None:
        """The reasons joined for one line, or ``None`` when every record since the start was written."""
        return "; ".join(self.reasons()) or None

    def check(self) -> str | None:
        """Raise ``AuditNotRecorded`` when an output since the start was not recorded and the administrator's
        policy requires auditing; otherwise return the reason to mark the output with (``None``: audited)."""
        reason = self.reason
        if reason is not None and audit_required():
            raise AuditNotRecorded(code="audit.required_withheld", params={"reason": reason})
        return reason


class HeldStore:
    """Where a job "saves" its output while the auditing policy holds it back: nowhere. The caller saves
    to the real store once ``AuditWatch.check`` has passed (a draft store's ``save(draft)`` interface)."""

    def save(self, _item) -> None:
        return None
