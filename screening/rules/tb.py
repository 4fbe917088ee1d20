"""TBC symptom screening, the Kemenkes form read literally (SCREENING_RULES §4).

The section's spec and its pure rule; the cough-duration setting is passed in as ``min_days``.
An explicit answer to the cough question is what makes the section asked and complete.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.section import (
    Availability,
    Codes,
    InputModel,
    Missing,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
    years_at_least,
)

TbContact = Literal["none", "household", "close"]

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
# Risks the rule reads from the person rather than from a tick box.
DERIVED_RISKS: Final = ("age_over_65", "pregnancy")
AGE_RISK_ABOVE: Final = 65

TB_COUGH: Final = "tb_cough"
"""A cough counts (``cough_days`` ≥ ``min_days``; min 0 = any cough)."""
TB_COUGH_TOO_SHORT: Final = "tb_cough_too_short"
"""A cough shorter than the ``min_days`` setting: not counted on its own."""
TB_CONTACT_AND_SYMPTOMS: Final = "tb_contact_and_symptoms"
"""Contact (``contact``) plus additional ``symptoms``."""
TB_CONTACT_AND_RISKS: Final = "tb_contact_and_risks"
"""Contact (``contact``) plus ``risks``."""
TB_RISKS_AND_SYMPTOMS: Final = "tb_risks_and_symptoms"
"""``risks`` plus additional ``symptoms``."""
TB_CONTACT: Final = "tb_contact"
"""Contact (``contact``) without symptoms or risk factors."""
TB_NO_CRITERIA: Final = "tb_no_criteria"
"""No criterion met (``symptoms`` and ``risks`` alone, possibly empty, are listed)."""
REASON_PARAMS: Final = {
    TB_COUGH: ("cough_days", "min_days"),
    TB_COUGH_TOO_SHORT: ("cough_days", "min_days"),
    TB_CONTACT_AND_SYMPTOMS: ("contact", "symptoms"),
    TB_CONTACT_AND_RISKS: ("contact", "risks"),
    TB_RISKS_AND_SYMPTOMS: ("risks", "symptoms"),
    TB_CONTACT: ("contact",),
    TB_NO_CRITERIA: ("symptoms", "risks"),
}


class TbInput(InputModel):
    """``cough`` is ``None`` until asked; the other items then default to "tidak"."""

    cough: bool | None = None
    cough_days: int | None = None
    symptoms: Codes = frozenset()
    contact: TbContact = "none"
    risks: Codes = frozenset()


@dataclass(frozen=True, slots=True)
class TbResult:
    code: str
    level: Level
    cough_counted: bool
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return complete_result(
            "tb", self.code, self.level, self.reasons, {"cough_counted": self.cough_counted}
        )


def _known(codes: Collection[str], *, field_name: str, allowed: tuple[str, ...]) -> list[str]:
    # The refusal does not name the unknown code: a misspelt "HIV" is still health data.
    if not set(codes) <= set(allowed):
        raise RuleInputError(field_name, Problem.UNKNOWN_CODE)
    return sorted(codes)


def _check_days(value: object, field_name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleInputError(field_name, Problem.OUT_OF_RANGE, minimum=0)


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
        raise RuleInputError("contact", Problem.UNKNOWN_CODE)
    _check_days(cough_days, "cough_days")
    _check_days(min_days, "tb_cough_min_days")

    has_contact = contact != "none"
    cough_counted = cough and cough_days >= min_days
    reasons: list[Reason] = []
    if cough_counted:
        reasons.append(Reason(TB_COUGH, {"cough_days": cough_days, "min_days": min_days}))
    elif cough:
        reasons.append(Reason(TB_COUGH_TOO_SHORT, {"cough_days": cough_days, "min_days": min_days}))
    if has_contact and symptom_list:
        reasons.append(
            Reason(TB_CONTACT_AND_SYMPTOMS, {"contact": contact, "symptoms": symptom_list})
        )
    if has_contact and risk_list:
        reasons.append(Reason(TB_CONTACT_AND_RISKS, {"contact": contact, "risks": risk_list}))
    if risk_list and symptom_list:
        reasons.append(
            Reason(TB_RISKS_AND_SYMPTOMS, {"risks": risk_list, "symptoms": symptom_list})
        )

    presumptive = (
        cough_counted
        or (has_contact and bool(symptom_list or risk_list))
        or bool(risk_list and symptom_list)
    )
    if presumptive:
        return TbResult("terduga_tbc", Level.REFER, cough_counted, tuple(reasons))
    if has_contact:
        reasons.append(Reason(TB_CONTACT, {"contact": contact}))
        return TbResult("kontak_erat", Level.REFER, cough_counted, tuple(reasons))
    reasons.append(Reason(TB_NO_CRITERIA, {"symptoms": symptom_list, "risks": risk_list}))
    return TbResult("bukan_terduga", Level.NONE, cough_counted, tuple(reasons))


def derived_risks(ctx: RuleContext) -> frozenset[str]:
    """The risk factors the person's record already answers (age over 65, pregnancy)."""
    found = set()
    age = ctx.age
    if age is not None and age.years > AGE_RISK_ABOVE:
        found.add("age_over_65")
    if ctx.subject.pregnant:
        found.add("pregnancy")
    return frozenset(found)


class TbSpec(SectionSpec[TbInput]):
    code = "tb"
    order = 50
    group = "tb"
    input_model = TbInput
    class_codes = ("terduga_tbc", "kontak_erat", "bukan_terduga")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("cough", "cough_days", "symptoms", "contact", "risks")
    items = TB_SYMPTOMS + TB_RISKS

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, 15) else None

    def state(self, inputs: TbInput, ctx: RuleContext) -> tuple[SectionState, tuple[Missing, ...]]:
        touched = (
            inputs.cough is not None
            or inputs.cough_days is not None
            or bool(inputs.symptoms)
            or bool(inputs.risks - set(DERIVED_RISKS))
            or inputs.contact != "none"
        )
        if not touched:
            return SectionState.NOT_ASKED, ()
        if inputs.cough is None:
            return SectionState.INCOMPLETE, (("cough", None),)
        if inputs.cough and ctx.settings.tb_cough_min_days > 0 and inputs.cough_days is None:
            return SectionState.INCOMPLETE, (("cough_days", None),)
        return SectionState.COMPLETE, ()

    def check(self, inputs: TbInput, ctx: RuleContext) -> list[RuleInputError]:
        errors: list[RuleInputError] = []
        for codes, name, allowed in (
            (inputs.symptoms, "symptoms", TB_SYMPTOMS),
            (inputs.risks, "risks", TB_RISKS),
        ):
            try:
                _known(codes, field_name=name, allowed=allowed)
            except RuleInputError as error:
                errors.append(error)
        if inputs.cough_days is not None:
            try:
                _check_days(inputs.cough_days, "cough_days")
            except RuleInputError as error:
                errors.append(error)
        return errors

    def classify(self, inputs: TbInput, ctx: RuleContext) -> SectionResult:
        return classify_tb(
            cough=bool(inputs.cough),
            cough_days=(inputs.cough_days or 0) if inputs.cough else 0,
            symptoms=inputs.symptoms,
            contact=inputs.contact,
            risks=inputs.risks | derived_risks(ctx),
            min_days=ctx.settings.tb_cough_min_days,
        ).to_section()

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> TbInput | None:
        cough = rng.random() < 0.08
        symptoms = frozenset(s for s in TB_SYMPTOMS if rng.random() < 0.04)
        risks = frozenset(r for r in ("smoking", "diabetes", "previous_tb") if rng.random() < 0.06)
        roll = rng.random()
        contact: TbContact = "household" if roll < 0.03 else "close" if roll < 0.05 else "none"
        return TbInput(
            cough=cough,
            cough_days=rng.randint(3, 30) if cough else None,
            symptoms=symptoms,
            contact=contact,
            risks=risks,
        )


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    result = classify_tb(
        cough=bool(case.get("cough", False)),
        cough_days=case.get("cough_days", 0),
        symptoms=tuple(case.get("symptoms", ())),
        contact=case.get("contact", "none"),
        risks=tuple(case.get("risks", ())),
        min_days=case.get("min_days", 0),
    )
    return {"class": result.code, "level": str(result.level)}


TbSpec.vector_rules = {"tb": _vector}
SPEC = TbSpec()
