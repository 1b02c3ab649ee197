"""One call every export makes before writing: mask personal data (by setting) and list content flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.compliance.content_guard import ContentFlag, check_text
from app.core.compliance.pii import PiiMatch, find_pii, mask_text


@dataclass
class ExportCheck:
    text: str  # what to write: masked when masking is on
    pii: list[PiiMatch] = field(default_factory=list)
    content_flags: list[ContentFlag] = field(default_factory=list)
    masked: bool = False

    @property
    def needs_warning(self) -> bool:
        """Personal data is about to leave unmasked, or prohibited content is present."""
        return bool(self.content_flags) or (bool(self.pii) and not self.masked)


def prepare_export(text: str, settings) -> ExportCheck:
    names = list(settings.extra.get("pii_names", [])) if getattr(settings, "extra", None) else []
    pii = find_pii(text, names)
    masked = bool(settings.mask_on_export) and bool(pii)
    return ExportCheck(mask_text(text, names) if masked else text, pii, check_text(text), masked)
