"""ADL, modified Barthel index (10 items, 0–20) for lansia ≥ 60 (LIFECYCLE_RULES §f).

The section's spec and its pure rule. Items are stored under stable keys; the ILP form numbers
them 1–10, and refusals name that number (``item_6``).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.section import (
    Availability,
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

# (number on the ILP form, stable key, highest score)
ADL_ITEMS: Final = (
    (1, "bowels", 2),
    (2, "bladder", 2),
    (3, "grooming", 1),
    (4, "toilet", 2),
    (5, "feeding", 2),
    (6, "transfer", 3),
    (7, "mobility", 3),
    (8, "dressing", 2),
    (9, "stairs", 2),
    (10, "bathing", 1),
)
KEY_BY_NUMBER: Final = {number: key for number, key, _ in ADL_ITEMS}
NUMBER_BY_KEY: Final = {key: number for number, key, _ in ADL_ITEMS}
ELDERLY_FROM: Final = 60
# (class, lowest score, ILP grade); first match from the top. Any dependency is referred.
BANDS: Final = (
    ("mandiri", 20, "A"),
    ("ketergantungan_ringan", 12, "B"),
    ("ketergantungan_sedang", 9, "B"),
    ("ketergantungan_berat", 5, "C"),
    ("ketergantungan_total", 0, "C"),
)

ADL_SCORE: Final = "adl_score"
"""Barthel ``score`` (0–20), ILP ``grade`` A/B/C."""
REASON_PARAMS: Final = {ADL_SCORE: ("score", "grade")}


def item_field(number: int) -> str:
    return f"item_{number}"


@dataclass(frozen=True, slots=True)
class AdlResult:
    """``score`` is ``None`` while any item is missing (class ``belum_lengkap``)."""

    code: str
    level: Level
    score: int | None
    grade: str | None
    missing: tuple[int, ...]


def classify_adl(scores: Mapping[int, object]) -> AdlResult:
    """Score the items keyed by their form number; an absent item is missing.

    Raises:
        RuleInputError: a score not a whole number within its item's range (``item_<n>``,
            lowest n first).
    """
    for number, _, highest in ADL_ITEMS:
        score = scores.get(number)
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= highest:
            raise RuleInputError(
                item_field(number), Problem.OUT_OF_RANGE, minimum=0, maximum=highest
            )
    missing = tuple(number for number, _, _ in ADL_ITEMS if scores.get(number) is None)
    if missing:
        return AdlResult("belum_lengkap", Level.NONE, None, None, missing)
    total = sum(int(str(scores[number])) for number, _, _ in ADL_ITEMS)
    code, _, grade = next(row for row in BANDS if total >= row[1])
    return AdlResult(code, Level.NONE if code == "mandiri" else Level.REFER, total, grade, ())


class AdlInput(InputModel):
    """Scores keyed by the items' stable keys; an absent key is an item not yet scored."""

    items: dict[str, int] = {}

    @classmethod
    def by_number(cls, scores: Mapping[int, int]) -> AdlInput:
        return cls(items={KEY_BY_NUMBER[n]: score for n, score in scores.items()})

    def numbered(self) -> dict[int, object]:
        return {NUMBER_BY_KEY[k]: v for k, v in self.items.items() if k in NUMBER_BY_KEY}


class AdlSpec(SectionSpec[AdlInput]):
    code = "adl"
    order = 70
    group = "lansia"
    input_model = AdlInput
    class_codes = tuple(code for code, _, _ in BANDS)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("items", *(item_field(number) for number, _, _ in ADL_ITEMS))
    items = tuple(key for _, key, _ in ADL_ITEMS)

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, ELDERLY_FROM) else None

    def state(self, inputs: AdlInput, ctx: RuleContext) -> tuple[SectionState, tuple[Missing, ...]]:
        numbered = inputs.numbered()
        if not numbered:
            return SectionState.NOT_ASKED, ()
        missing = tuple((item_field(n), None) for n, _, _ in ADL_ITEMS if n not in numbered)
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), missing

    def check(self, inputs: AdlInput, ctx: RuleContext) -> list[RuleInputError]:
        if set(inputs.items) - set(NUMBER_BY_KEY):
            return [RuleInputError("items", Problem.UNKNOWN_CODE)]
        try:
            classify_adl(inputs.numbered())
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: AdlInput, ctx: RuleContext) -> SectionResult:
        result = classify_adl(inputs.numbered())
        reason = Reason(ADL_SCORE, {"score": result.score, "grade": result.grade})
        values = {"score": result.score, "grade": result.grade}
        return complete_result(self.code, result.code, result.level, (reason,), values)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> AdlInput | None:
        if rng.random() >= 0.5:
            return None
        frail = rng.random() < 0.1 + 0.4 * risk
        scores = {
            number: highest if not frail or rng.random() < 0.6 else rng.randint(0, highest)
            for number, _, highest in ADL_ITEMS
        }
        return AdlInput.by_number(scores)


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    raw = case["items"]
    if not isinstance(raw, Mapping):
        raise TypeError("items must map item numbers to scores")
    scores: dict[int, object] = {}
    for key, score in raw.items():
        if not str(key).isdigit() or int(key) not in KEY_BY_NUMBER:
            raise RuleInputError("items", Problem.UNKNOWN_CODE)
        scores[int(key)] = score
    result = classify_adl(scores)
    return {
        "score": result.score,
        "class": result.code,
        "level": result.level.value,
        "missing": list(result.missing),
    }


AdlSpec.vector_rules = {"adl": _vector}
SPEC = AdlSpec()
