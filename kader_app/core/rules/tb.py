"""TBC symptom screening, the Kemenkes form read literally (SCREENING_RULES §4).

Pure functions of values; the cough-duration setting is passed in as ``min_days``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from kader_app.core.rules.codes import ReasonCode
from kader_app.core.rules.common import Level, Reason, RuleInputError, SectionResult

TB_SYMPTOMS: Final = (
    "weight_loss",
    "fever",
    "lethargy",
    "night_sweats",
    "breathless",
    "lymph_nodes",
)
TB_RISKS: Final = (
    "previous_tb",
    "unfinished_treatment",
    "diabetes",
    "hiv",
    "smoking",
    "malnutrition",
    "age_over_65",
    "pregnancy",
)
TB_CONTACTS: Final = ("none", "household", "close")


@dataclass(frozen=True, slots=True)
class TbResult:
    code: str
    level: Level
    cough_counted: bool
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return SectionResult(
            section="tb",
            code=self.code,
            level=self.level,
            reasons=self.reasons,
            values={"cough_counted": self.cough_counted},
        )


def _known(codes: Collection[str], *, field_name: str, allowed: tuple[str, ...]) -> list[str]:
    # The message does not name the unknown code: a misspelt "HIV" is still health data.
    if not set(codes) <= set(allowed):
        raise RuleInputError(field_name, "ada kode yang tidak dikenal")
    return sorted(codes)


def classify_tb(
    *,
    cough: bool,
    cough_days: int = 0,
    symptoms: Collection[str] = (),
    contact: str = "none",
    risks: Collection[str] = (),
    min_days: int = 0,
) -> TbResult:
    """Terduga TBC, kontak erat or bukan terduga, with every criterion that holds as a reason.

    ``min_days`` is the ``tb_cough_min_days`` setting: 0 counts any cough.

    Raises:
        RuleInputError: unknown symptom, risk or contact codes, or negative day counts.
    """
    symptom_list = _known(symptoms, field_name="symptoms", allowed=TB_SYMPTOMS)
    risk_list = _known(risks, field_name="risks", allowed=TB_RISKS)
    if contact not in TB_CONTACTS:
        raise RuleInputError("contact", "kode kontak tidak dikenal")
    if isinstance(cough_days, bool) or not isinstance(cough_days, int) or cough_days < 0:
        raise RuleInputError("cough_days", "lama batuk harus 0 hari atau lebih", minimum=0)
    if isinstance(min_days, bool) or not isinstance(min_days, int) or min_days < 0:
        raise RuleInputError("tb_cough_min_days", "harus 0 hari atau lebih", minimum=0)

    has_contact = contact != "none"
    cough_counted = cough and cough_days >= min_days
    reasons: list[Reason] = []
    if cough_counted:
        reasons.append(
            Reason(ReasonCode.TB_COUGH, {"cough_days": cough_days, "min_days": min_days})
        )
    elif cough:
        reasons.append(
            Reason(ReasonCode.TB_COUGH_TOO_SHORT, {"cough_days": cough_days, "min_days": min_days})
        )
    if has_contact and symptom_list:
        reasons.append(
            Reason(
                ReasonCode.TB_CONTACT_AND_SYMPTOMS, {"contact": contact, "symptoms": symptom_list}
            )
        )
    if has_contact and risk_list:
        reasons.append(
            Reason(ReasonCode.TB_CONTACT_AND_RISKS, {"contact": contact, "risks": risk_list})
        )
    if risk_list and symptom_list:
        reasons.append(
            Reason(ReasonCode.TB_RISKS_AND_SYMPTOMS, {"risks": risk_list, "symptoms": symptom_list})
        )

    presumptive = (
        cough_counted
        or (has_contact and bool(symptom_list or risk_list))
        or bool(risk_list and symptom_list)
    )
    if presumptive:
        return TbResult("terduga_tbc", Level.REFER, cough_counted, tuple(reasons))
    if has_contact:
        reasons.append(Reason(ReasonCode.TB_CONTACT, {"contact": contact}))
        return TbResult("kontak_erat", Level.REFER, cough_counted, tuple(reasons))
    reasons.append(
        Reason(ReasonCode.TB_NO_CRITERIA, {"symptoms": symptom_list, "risks": risk_list})
    )
    return TbResult("bukan_terduga", Level.NONE, cough_counted, tuple(reasons))
