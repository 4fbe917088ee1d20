"""Anemia: haemoglobin (PoCT, by the nakes) against the WHO 2011 thresholds (LIFECYCLE §e).

The section's spec and its pure rule; the thresholds are a table by group, first match.
Offered to remaja (10 to < 18 years) and in pregnancy.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError, in_range
from screening.rules.pregnancy import check_pregnancy, is_pregnant
from screening.rules.section import (
    Availability,
    InputModel,
    Measure,
    Missing,
    Quantity,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
)
from screening.rules.stage import required_age, required_sex, subject_age

HB_RANGE: Final = (Decimal("3.0"), Decimal("25.0"))
MINIMUM_YEARS: Final = 5
OFFERED_YEARS: Final = (10, 17)


@dataclass(frozen=True, slots=True)
class HbGroup:
    """Normal from ``normal``; ringan from ``mild``, sedang from ``moderate``, berat below it."""

    code: str
    normal: Decimal
    mild: Decimal
    moderate: Decimal


def _group(code: str, normal: str, mild: str, moderate: str) -> HbGroup:
    return HbGroup(code, Decimal(normal), Decimal(mild), Decimal(moderate))


GROUPS: Final = {
    "pregnant": _group("pregnant", "11.0", "10.0", "7.0"),
    "age_5_11": _group("age_5_11", "11.5", "11.0", "8.0"),
    "age_12_14_or_women": _group("age_12_14_or_women", "12.0", "11.0", "8.0"),
    "men": _group("men", "13.0", "11.0", "8.0"),
}
CLASSES: Final = (
    ("normal", Level.NONE),
    ("anemia_ringan", Level.REFER),
    ("anemia_sedang", Level.REFER),
    ("anemia_berat", Level.URGENT),
)

ANEMIA_HB: Final = "anemia_hb"
"""``hb_g_dl`` measured; for ``group`` normal is from ``normal_from`` g/dL."""
REASON_PARAMS: Final = {ANEMIA_HB: ("hb_g_dl", "group", "normal_from")}


def hb_group(*, sex: str, years: int, pregnant: bool) -> HbGroup:
    """The threshold row for the person (first match: pregnancy, 5–11, 12–14 or women, men)."""
    if pregnant:
        return GROUPS["pregnant"]
    if years <= 11:
        return GROUPS["age_5_11"]
    if years <= 14 or sex == "P":
        return GROUPS["age_12_14_or_women"]
    return GROUPS["men"]


def _hb(value: object) -> Decimal:
    return in_range(value, field_name="hb_g_dl", bounds=HB_RANGE, decimals=1, unit="g/dL")


def classify_anemia(
    hb_g_dl: object, *, sex: object, birth_date: date | None, on: date, pregnant: bool = False
) -> tuple[str, Level, HbGroup, Decimal]:
    """(class, level, group, Hb) for a haemoglobin value.

    The birth date may be unknown in pregnancy only (the pregnancy row needs no age).

    Raises:
        RuleInputError: sex not L/P, under 5 years or no birth date (``birth_date``),
            pregnant but not a woman of 10–55 (``pregnant``), or an implausible Hb.
    """
    checked_sex = required_sex(sex)
    years = MINIMUM_YEARS
    if birth_date is not None or not pregnant:
        years = required_age(birth_date, on).years
    if years < MINIMUM_YEARS:
        raise RuleInputError("birth_date", Problem.OUT_OF_RANGE, minimum=MINIMUM_YEARS)
    check_pregnancy(Subject(sex=checked_sex, birth_date=birth_date, pregnant=pregnant), on)
    hb = _hb(hb_g_dl)
    group = hb_group(sex=checked_sex, years=years, pregnant=pregnant)
    grade = 0 if hb >= group.normal else 1 if hb >= group.mild else 2 if hb >= group.moderate else 3
    code, level = CLASSES[grade]
    return code, level, group, hb


class AnemiaInput(InputModel):
    hb_g_dl: Quantity | None = None


class AnemiaSpec(SectionSpec[AnemiaInput]):
    code = "anemia"
    order = 25
    group = "anemia"
    input_model = AnemiaInput
    class_codes = tuple(code for code, _ in CLASSES)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("hb_g_dl", "pregnant")
    items = tuple(GROUPS)

    def availability(self, subject: Subject, on: date) -> Availability | None:
        if is_pregnant(subject, on):
            return "default"
        age = subject_age(subject, on)
        offered = age is not None and OFFERED_YEARS[0] <= age.years <= OFFERED_YEARS[1]
        return "default" if offered else None

    def state(
        self, inputs: AnemiaInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.hb_g_dl is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: AnemiaInput, ctx: RuleContext) -> list[RuleInputError]:
        errors: list[RuleInputError] = []
        for step in (lambda: check_pregnancy(ctx.subject, ctx.on), lambda: _hb(inputs.hb_g_dl)):
            try:
                step()
            except RuleInputError as error:
                errors.append(error)
        return errors

    def classify(self, inputs: AnemiaInput, ctx: RuleContext) -> SectionResult:
        code, level, group, hb = classify_anemia(
            inputs.hb_g_dl,
            sex=ctx.subject.sex,
            birth_date=ctx.subject.birth_date,
            on=ctx.on,
            pregnant=ctx.subject.pregnant,
        )
        params = {"hb_g_dl": float(hb), "group": group.code, "normal_from": float(group.normal)}
        values = {"hb_g_dl": float(hb), "group": group.code}
        return complete_result(self.code, code, level, (Reason(ANEMIA_HB, params),), values)

    def measures(self, inputs: AnemiaInput, result: SectionResult) -> tuple[Measure, ...]:
        assert inputs.hb_g_dl is not None
        # No LOINC is agreed for the PoCT haemoglobin yet (LIFECYCLE_RULES §j): exports only.
        return (Measure("hb_g_dl", inputs.hb_g_dl, "g/dL"),)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> AnemiaInput | None:
        if rng.random() >= 0.4:
            return None
        hb = max(6.0, min(17.0, rng.gauss(12.6 - 1.8 * risk, 1.2)))
        return AnemiaInput(hb_g_dl=Decimal(str(round(hb, 1))))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    code, level, _, _ = classify_anemia(
        case["hb_g_dl"],
        sex=case.get("sex"),
        birth_date=date.fromisoformat(case["birth_date"]),
        on=date.fromisoformat(case["date"]),
        pregnant=bool(case.get("pregnant", False)),
    )
    return {"class": code, "level": level.value}


AnemiaSpec.vector_rules = {"anemia": _vector}
SPEC = AnemiaSpec()
