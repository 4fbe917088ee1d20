"""Tanda bahaya kehamilan: any danger sign is urgent (LIFECYCLE_RULES §d; PPK FKTP, Buku KIA).

The section's spec and its pure rule; one of the pregnancy items on the ``ibu_hamil`` tab.
``signs`` is ``None`` until asked; an empty set is "no danger sign".
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.pregnancy import is_pregnant, pregnancy_error
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
)

SIGNS: Final = (
    "sakit_kepala_hebat",
    "perdarahan",
    "gangguan_penglihatan",
    "bengkak_wajah_tangan",
    "muntah_berlebihan",
    "demam",
    "gerakan_janin_berkurang",
)

DANGER_SIGNS_PRESENT: Final = "danger_signs_present"
"""The ``signs`` found (codes, form order)."""
DANGER_SIGNS_NONE: Final = "danger_signs_none"
"""Asked; no danger sign."""
REASON_PARAMS: Final = {DANGER_SIGNS_PRESENT: ("signs",), DANGER_SIGNS_NONE: ()}


def classify_danger_signs(signs: Iterable[str]) -> tuple[str, Level, list[str], Reason]:
    """(class, level, signs in form order, reason).

    Raises:
        RuleInputError: an unknown sign code (field ``signs``).
    """
    found = set(signs)
    if found - set(SIGNS):
        raise RuleInputError("signs", Problem.UNKNOWN_CODE)
    ordered: list[str] = [sign for sign in SIGNS if sign in found]
    if ordered:
        reason = Reason(DANGER_SIGNS_PRESENT, {"signs": ordered})
        return "ada_tanda_bahaya", Level.URGENT, ordered, reason
    return "tidak_ada", Level.NONE, [], Reason(DANGER_SIGNS_NONE)


class TandaBahayaHamilInput(InputModel):
    signs: Codes | None = None


class TandaBahayaHamilSpec(SectionSpec[TandaBahayaHamilInput]):
    code = "tanda_bahaya_hamil"
    order = 41
    group = "ibu_hamil"
    listed_as = "ibu_hamil"
    input_model = TandaBahayaHamilInput
    class_codes = ("ada_tanda_bahaya", "tidak_ada")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("signs", "pregnant")
    items = SIGNS

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if is_pregnant(subject, on) else None

    def state(
        self, inputs: TandaBahayaHamilInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.signs is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: TandaBahayaHamilInput, ctx: RuleContext) -> list[RuleInputError]:
        pregnancy = pregnancy_error(ctx.subject, ctx.on)
        errors = [pregnancy] if pregnancy else []
        if inputs.signs is not None and inputs.signs - set(SIGNS):
            errors.append(RuleInputError("signs", Problem.UNKNOWN_CODE))
        return errors

    def classify(self, inputs: TandaBahayaHamilInput, ctx: RuleContext) -> SectionResult:
        code, level, signs, reason = classify_danger_signs(inputs.signs or ())
        return complete_result(self.code, code, level, (reason,), {"signs": signs})

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> TandaBahayaHamilInput | None:
        if rng.random() >= 0.85:
            return None
        signs = frozenset(sign for sign in SIGNS if rng.random() < 0.01 + 0.03 * risk)
        return TandaBahayaHamilInput(signs=signs)


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    code, level, signs, _ = classify_danger_signs(case["signs"])
    return {"class": code, "level": level.value, "signs": signs}


TandaBahayaHamilSpec.vector_rules = {"tanda_bahaya_hamil": _vector}
SPEC = TandaBahayaHamilSpec()
