"""One visit's raw inputs per section, the rule settings, and the visit-level combination.

Pure: ``evaluate_visit`` is a function of its arguments only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from kader_app.core.rules.anthropometry import classify_bmi, classify_waist
from kader_app.core.rules.blood_pressure import classify_blood_pressure
from kader_app.core.rules.codes import NOT_CLASSIFIED, ReasonCode
from kader_app.core.rules.common import (
    RULES_VERSION,
    BmiScheme,
    BpScheme,
    GlucoseKind,
    GlucoseUnit,
    Level,
    Reason,
    SectionResult,
    Sex,
    TbContact,
    max_level,
)
from kader_app.core.rules.glucose import classify_glucose
from kader_app.core.rules.srq20 import classify_srq20
from kader_app.core.rules.tb import classify_tb

__all__ = [
    "MINIMUM_AGE",
    "AnthropometryInput",
    "BloodPressureInput",
    "BmiScheme",
    "BpScheme",
    "GlucoseInput",
    "GlucoseKind",
    "GlucoseUnit",
    "RuleSettings",
    "SectionResult",
    "Sex",
    "Srq20Input",
    "TbContact",
    "TbInput",
    "VisitEvaluation",
    "VisitInput",
    "age_in_years",
    "evaluate_visit",
]

# Sections offered only from an age (SCREENING_RULES §1, §3, §5); glucose and TB have none.
MINIMUM_AGE: Final = {"bmi": 15, "waist": 15, "blood_pressure": 15, "srq20": 15}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The settings the rules depend on (chosen by the Puskesmas, stored in app settings)."""

    bp_scheme: BpScheme = "ilp"
    bmi_scheme: BmiScheme = "asia_pacific"
    tb_cough_min_days: int = 0


@dataclass(frozen=True, slots=True)
class AnthropometryInput:
    weight_kg: float | None = None
    height_cm: float | None = None
    waist_cm: float | None = None


@dataclass(frozen=True, slots=True)
class BloodPressureInput:
    """One or two readings as (systolic, diastolic) in mmHg."""

    readings: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GlucoseInput:
    """``value`` as typed: a number (mg/dL or mmol/L per ``unit``) or the meter's ``LO``/``HI``."""

    value: str
    kind: GlucoseKind = "sewaktu"
    hypo_symptoms: bool = False
    unit: GlucoseUnit = "mg/dL"


@dataclass(frozen=True, slots=True)
class TbInput:
    cough: bool = False
    cough_days: int = 0
    symptoms: frozenset[str] = frozenset()
    contact: TbContact = "none"
    risks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Srq20Input:
    """Answers keyed by item number 1..20; an absent key is an unanswered item."""

    answers: dict[int, bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class VisitInput:
    """Everything typed for one visit. A section left ``None`` was skipped."""

    sex: Sex
    birth_date: date | None
    measured_on: date
    anthropometry: AnthropometryInput | None = None
    blood_pressure: BloodPressureInput | None = None
    glucose: GlucoseInput | None = None
    tb: TbInput | None = None
    srq20: Srq20Input | None = None


@dataclass(frozen=True, slots=True)
class VisitEvaluation:
    rules_version: str
    sections: tuple[SectionResult, ...]
    level: Level
    reasons: tuple[Reason, ...]


def age_in_years(*, birth_date: date, on: date) -> int:
    """Whole years completed on ``on`` (someone born 29 Feb turns a year older on 1 Mar)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


def _under_age(section: SectionResult, *, age: int | None) -> SectionResult:
    """Keep the result, or replace it when the person is younger than the section is offered to.

    A section typed in for someone too young is stored but not classified, because the adult
    tables do not apply; the reason says so. One exception, for safety: SRQ-20 item 17 answered
    yes stays urgent at any age, so someone still talks to the nakes today.
    """
    minimum = MINIMUM_AGE.get(section.section)
    if age is None or minimum is None or age >= minimum:
        return section
    under_age = Reason(
        ReasonCode.SECTION_UNDER_AGE,
        {"section": section.section, "age": age, "minimum_age": minimum},
    )
    if section.section == "srq20" and section.level is Level.URGENT:
        return SectionResult(
            section=section.section,
            code=section.code,
            level=section.level,
            reasons=(*section.reasons, under_age),
            values=section.values,
        )
    return SectionResult(
        section=section.section, code=NOT_CLASSIFIED, level=Level.NONE, reasons=(under_age,)
    )


def evaluate_visit(visit: VisitInput, settings: RuleSettings) -> VisitEvaluation:
    """Classify every section that was filled in and combine them (highest level, all reasons).

    Sections come out in the order bmi, waist, blood_pressure, glucose, tb, srq20; a section
    left ``None`` (or, for anthropometry, a part whose inputs are ``None``) is absent. BMI needs
    both weight and height. With no birth date the age rules cannot apply and every section is
    classified; under the minimum age see ``_under_age``. Inputs are checked even then.

    Raises:
        RuleInputError: when any filled section holds an implausible value.
    """
    age = (
        None
        if visit.birth_date is None
        else age_in_years(birth_date=visit.birth_date, on=visit.measured_on)
    )
    sections: list[SectionResult] = []
    body = visit.anthropometry
    if body is not None:
        if body.weight_kg is not None and body.height_cm is not None:
            sections.append(
                classify_bmi(
                    body.weight_kg, body.height_cm, scheme=settings.bmi_scheme
                ).to_section()
            )
        if body.waist_cm is not None:
            sections.append(classify_waist(body.waist_cm, sex=visit.sex).to_section())
    if visit.blood_pressure is not None:
        sections.append(
            classify_blood_pressure(
                visit.blood_pressure.readings, scheme=settings.bp_scheme
            ).to_section()
        )
    if visit.glucose is not None:
        glucose = visit.glucose
        sections.append(
            classify_glucose(
                glucose.value,
                kind=glucose.kind,
                hypo_symptoms=glucose.hypo_symptoms,
                unit=glucose.unit,
            ).to_section()
        )
    if visit.tb is not None:
        tb = visit.tb
        sections.append(
            classify_tb(
                cough=tb.cough,
                cough_days=tb.cough_days,
                symptoms=tb.symptoms,
                contact=tb.contact,
                risks=tb.risks,
                min_days=settings.tb_cough_min_days,
            ).to_section()
        )
    if visit.srq20 is not None:
        sections.append(classify_srq20(visit.srq20.answers).to_section())

    sections = [_under_age(section, age=age) for section in sections]
    return VisitEvaluation(
        rules_version=RULES_VERSION,
        sections=tuple(sections),
        level=max_level(*(section.level for section in sections)),
        reasons=tuple(reason for section in sections for reason in section.reasons),
    )
