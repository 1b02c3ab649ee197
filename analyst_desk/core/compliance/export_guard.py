"""One call every export makes before writing: mask personal data (by setting) and list content flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyst_desk.core.compliance.content_guard import ContentFlag, check_text
from analyst_desk.core.compliance.pii import PiiMatch, find_pii, mask_text


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


#: Every kind ``find_pii`` reports, in both languages: a Chinese warning never names a kind in English.
_PII_NAMES = {"id_number": ("ID numbers", "身份证号"), "bank_card": ("bank card numbers", "银行卡号"),
              "mobile": ("mobile numbers", "手机号"), "email": ("email addresses", "邮箱"), "name": ("names", "姓名"),
              "passport": ("passport numbers", "护照号"), "travel_permit": ("travel permit numbers", "通行证号"),
              "military_id": ("military ID numbers", "军官证号"), "hk_id": ("Hong Kong/Macau ID numbers", "港澳身份证号"),
              "landline": ("landlines", "固定电话"), "address": ("home addresses", "住址"), "plate": ("licence plates", "车牌号")}


def export_warnings(text: str, settings, language: str = "en") -> list[str]:
    """What the user must confirm before an export: personal data leaving unmasked, prohibited content.

    Empty when the export can go ahead without asking.
    """
    check = prepare_export(text, settings)
    zh = language == "zh"
    warnings: list[str] = []
    if check.pii and not check.masked:
        kinds = sorted({m.kind for m in check.pii})
        names = ("、" if zh else ", ").join(_PII_NAMES.get(k, (k, k))[1 if zh else 0] for k in kinds)
        warnings.append(f"导出内容含未遮蔽的个人信息（{names}，共 {len(check.pii)} 处）。" if zh else
                        f"The export contains unmasked personal data ({names}; {len(check.pii)} found).")
    for flag in check.content_flags[:5]:
        warnings.append(f"违规表述“{flag.text}”：{flag.reason}" if zh else f"Prohibited wording “{flag.text}”: {flag.reason}")
    return warnings
