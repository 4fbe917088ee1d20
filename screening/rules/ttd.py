"""TTD: tablets tambah darah given at each visit, and the total of this pregnancy (§d).

The section's spec and its pure rule. No target and no level (the sources give none); the dose
is shown as text only. The earlier visits' counts travel in this section's own inputs (carried
from the visits of this pregnancy), so a stored visit can be rechecked on its own.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

from screening.rules.common import Level, Reason, RuleInputError, whole_number
from screening.rules.pregnancy import is_pregnant, pregnancy_error
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

TABLETS_RANGE: Final = (0, 120)
PREGNANCY_SECTIONS: Final = frozenset({"lila_hamil", "tanda_bahaya_hamil", "ttd", "tensi_hamil"})
"""Sections only a pregnancy has: a visit with none of them is not part of the pregnancy."""

TTD_RECORDED: Final = "ttd_recorded"
"""``given`` tablets at this visit; ``total`` so far this pregnancy."""
REASON_PARAMS: Final = {TTD_RECORDED: ("given", "total")}


def ttd_total(entries: Iterable[object], *, field_name: str = "entries") -> int:
    """The sum of the tablets given per visit (each a whole number 0–120).

    Raises:
        RuleInputError: a count that is not a whole number of 0–120.
    """
    return sum(
        whole_number(count, field_name=field_name, bounds=TABLETS_RANGE, index=None)
        for count in entries
    )


class TtdInput(InputModel):
    """Tablets given before in this pregnancy, and at this visit.

    ``earlier``: tablets given at each earlier visit of this pregnancy (carried);
    ``given``: tablets given now (``None`` until entered, 0 when none).
    """

    earlier: tuple[int, ...] = ()
    given: int | None = None


def this_pregnancy(earlier: Sequence[Earlier], subject: Subject) -> list[Earlier]:
    """The earlier visits of the current pregnancy, oldest first.

    From the pregnancy's first day when the register knows it; otherwise the latest unbroken
    run of visits that recorded a pregnancy-only section.
    """
    if subject.pregnancy_start is not None:
        start = subject.pregnancy_start
        return [visit for visit in earlier if visit.on >= start]
    run: list[Earlier] = []
    for visit in reversed(earlier):
        if not PREGNANCY_SECTIONS & set(visit.sections):
            break
        run.append(visit)
    return run[::-1]


class TtdSpec(SectionSpec[TtdInput]):
    code = "ttd"
    order = 42
    group = "ibu_hamil"
    listed_as = "ibu_hamil"
    input_model = TtdInput
    class_codes = ("tercatat",)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("given", "entries", "pregnant")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if is_pregnant(subject, on) else None

    def state(self, inputs: TtdInput, ctx: RuleContext) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.given is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: TtdInput, ctx: RuleContext) -> list[RuleInputError]:
        pregnancy = pregnancy_error(ctx.subject, ctx.on)
        errors = [pregnancy] if pregnancy else []
        for entries, name in ((inputs.earlier, "entries"), ((inputs.given,), "given")):
            try:
                ttd_total([e for e in entries if e is not None], field_name=name)
            except RuleInputError as error:
                errors.append(error)
        return errors

    def classify(self, inputs: TtdInput, ctx: RuleContext) -> SectionResult:
        given = inputs.given or 0
        total = ttd_total([*inputs.earlier, given])
        reason = Reason(TTD_RECORDED, {"given": given, "total": total})
        values = {"given": given, "total": total, "visits": len(inputs.earlier) + 1}
        return complete_result(self.code, "tercatat", Level.NONE, (reason,), values)

    def carried(self, earlier: Sequence[Earlier], ctx: RuleContext) -> TtdInput | None:
        """The tablets given at each earlier visit of this pregnancy."""
        counts = []
        for visit in this_pregnancy(earlier, ctx.subject):
            found = visit.sections.get(self.code)
            if isinstance(found, TtdInput) and found.given is not None:
                counts.append(found.given)
        return TtdInput(earlier=tuple(counts))

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> TtdInput | None:
        if rng.random() >= 0.8:
            return None
        return TtdInput(given=rng.choice((0, 10, 15, 30, 30, 30)))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    entries = case["entries"]
    if not isinstance(entries, list):
        raise TypeError("entries must be a list of counts")
    return {"total": ttd_total(entries)}


TtdSpec.vector_rules = {"ttd": _vector}
SPEC = TtdSpec()
