"""Vitamin A: the February and August capsule rounds at 6–59 months (LIFECYCLE_RULES §h).

The section's spec and its pure rule. The capsules given at earlier visits travel in this
section's own inputs (carried); the kader answers whether one is given at this visit.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.section import (
    Availability,
    Earlier,
    InputModel,
    Missing,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
)
from screening.rules.stage import required_age, subject_age

GROUPS: Final = (("bayi_6_11", 6, 11), ("balita_12_59", 12, 59))
"""Target groups by WHO month on the visit date (inclusive)."""
ROUND_MONTHS: Final = (2, 8)
"""The rounds begin on 1 February (to 31 July) and 1 August (to 31 January)."""
STATUSES: Final = ("given", "due", "missed")

REASON_PARAMS: Final = {
    f"vitamin_a_{status}_{round_name}": ()
    for status in STATUSES
    for round_name in ("february", "august")
}


def round_start(on: date) -> date:
    """The first day of the round ``on`` falls in (1 February or 1 August)."""
    if on.month >= ROUND_MONTHS[1]:
        return date(on.year, ROUND_MONTHS[1], 1)
    if on.month >= ROUND_MONTHS[0]:
        return date(on.year, ROUND_MONTHS[0], 1)
    return date(on.year - 1, ROUND_MONTHS[1], 1)


def target_group(months: int) -> str | None:
    return next((code for code, low, high in GROUPS if low <= months <= high), None)


@dataclass(frozen=True, slots=True)
class VitaminAStatus:
    """``status`` is given / due / missed, or not_eligible (``group`` None)."""

    status: str
    group: str | None
    round_start: date

    @property
    def reason(self) -> Reason:
        name = "february" if self.round_start.month == ROUND_MONTHS[0] else "august"
        return Reason(f"vitamin_a_{self.status}_{name}")


def vitamin_a_status(given: Sequence[date], *, birth_date: date, on: date) -> VitaminAStatus:
    """Whether this round's capsule was given, is due now (February, August) or was missed.

    Raises:
        RuleInputError: a capsule dated before birth or after ``on`` (field ``given``).
    """
    months = required_age(birth_date, on).months
    if any(not birth_date <= day <= on for day in given):
        raise RuleInputError("given", Problem.OUT_OF_RANGE)
    start = round_start(on)
    group = target_group(months)
    if group is None:
        return VitaminAStatus("not_eligible", None, start)
    if any(start <= day <= on for day in given):
        return VitaminAStatus("given", group, start)
    return VitaminAStatus("due" if on.month in ROUND_MONTHS else "missed", group, start)


class VitaminAInput(InputModel):
    """Capsules given before, and whether one is given at this visit.

    ``earlier``: capsules given at earlier visits (carried); ``today``: one given now
    (``True``), asked and not given (``False``), or not asked (``None``).
    """

    earlier: tuple[date, ...] = ()
    today: bool | None = None

    def given(self, on: date) -> list[date]:
        return [*self.earlier, *((on,) if self.today else ())]


class VitaminASpec(SectionSpec[VitaminAInput]):
    code = "vitamin_a"
    order = 5
    group = "balita"
    input_model = VitaminAInput
    class_codes = STATUSES
    reason_codes = tuple(REASON_PARAMS)
    fields = ("given", "today")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        return "default" if age is not None and target_group(age.months) else None

    def state(
        self, inputs: VitaminAInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.today is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: VitaminAInput, ctx: RuleContext) -> list[RuleInputError]:
        try:
            birth = ctx.subject.birth_date
            required_age(birth, ctx.on)
            assert birth is not None
            vitamin_a_status(inputs.given(ctx.on), birth_date=birth, on=ctx.on)
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: VitaminAInput, ctx: RuleContext) -> SectionResult:
        assert ctx.subject.birth_date is not None
        found = vitamin_a_status(inputs.given(ctx.on), birth_date=ctx.subject.birth_date, on=ctx.on)
        values = {"status": found.status, "group": found.group, "today": inputs.today}
        return complete_result(self.code, found.status, Level.NONE, (found.reason,), values)

    def carried(self, earlier: Sequence[Earlier], ctx: RuleContext) -> VitaminAInput | None:
        """Every capsule given at an earlier visit."""
        days: set[date] = set()
        for visit in earlier:
            found = visit.sections.get(self.code)
            if isinstance(found, VitaminAInput):
                days.update(found.given(visit.on))
        return VitaminAInput(earlier=tuple(sorted(d for d in days if d < ctx.on)))

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> VitaminAInput | None:
        if ctx.on.month not in ROUND_MONTHS or rng.random() >= 0.9:
            return None
        return VitaminAInput(today=rng.random() > 0.1 + 0.3 * risk)


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    found = vitamin_a_status(
        [date.fromisoformat(day) for day in case.get("given", [])],
        birth_date=date.fromisoformat(case["birth_date"]),
        on=date.fromisoformat(case["date"]),
    )
    return {"status": found.status, "group": found.group}


VitaminASpec.vector_rules = {"vitamin_a": _vector}
SPEC = VitaminASpec()
