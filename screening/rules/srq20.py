"""Jiwa: the SRQ-20 items (Kemenkes numbering, stable keys) and the score (SCREENING_RULES §5).

The section's spec and its pure rule. Answers are stored under stable keys, never by number
alone. Item 17 answered yes completes the section at once and is urgent.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from screening.rules.age import age_on
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
)

# Numbered as on the Kemenkes form (the WHO original swaps 5 and 6); keys never change.
SRQ20_ITEMS: Final = (
    (1, "headaches"),
    (2, "poor_appetite"),
    (3, "poor_sleep"),
    (4, "easily_frightened"),
    (5, "anxious_tense_worried"),
    (6, "hands_shake"),
    (7, "poor_digestion"),
    (8, "trouble_thinking_clearly"),
    (9, "unhappy"),
    (10, "cries_more"),
    (11, "no_enjoyment"),
    (12, "difficulty_deciding"),
    (13, "daily_work_suffers"),
    (14, "unable_to_play_useful_part"),
    (15, "lost_interest"),
    (16, "feels_worthless"),
    (17, "suicidal_thoughts"),
    (18, "always_tired"),
    (19, "stomach_discomfort"),
    (20, "easily_tired"),
)
SRQ20_KEY_BY_NUMBER: Final = dict(SRQ20_ITEMS)
SRQ20_NUMBER_BY_KEY: Final = {key: number for number, key in SRQ20_ITEMS}
SUICIDAL_ITEM: Final = 17
SCORE_THRESHOLD: Final = 6
ADULT_FROM: Final = 18
ON_REQUEST_FROM: Final = 15

SRQ20_SUICIDAL_THOUGHTS: Final = "srq20_suicidal_thoughts"
"""Item ``item`` (17) answered yes: urgent whatever else."""
SRQ20_INCOMPLETE: Final = "srq20_incomplete"
"""Items ``missing`` (sorted numbers) unanswered: not scored."""
SRQ20_SCORE_HIGH: Final = "srq20_score_high"
"""``score`` "ya" answers, at or above ``threshold`` (6)."""
SRQ20_SCORE_NORMAL: Final = "srq20_score_normal"
"""``score`` "ya" answers, below ``threshold`` (6)."""
REASON_PARAMS: Final = {
    SRQ20_SUICIDAL_THOUGHTS: ("item",),
    SRQ20_INCOMPLETE: ("missing",),
    SRQ20_SCORE_HIGH: ("score", "threshold"),
    SRQ20_SCORE_NORMAL: ("score", "threshold"),
}


class Srq20Input(InputModel):
    """Answers keyed by the items' stable keys; an absent key is an unanswered item."""

    answers: dict[str, bool] = {}

    @classmethod
    def by_number(cls, answers: Mapping[int, bool]) -> Srq20Input:
        """From answers keyed by the form's item numbers (1–20)."""
        return cls(answers={SRQ20_KEY_BY_NUMBER[n]: bool(a) for n, a in answers.items()})

    def numbered(self) -> dict[int, bool]:
        """The answers keyed by item number (unknown keys are left out)."""
        return {
            SRQ20_NUMBER_BY_KEY[key]: answer
            for key, answer in self.answers.items()
            if key in SRQ20_NUMBER_BY_KEY
        }


@dataclass(frozen=True, slots=True)
class Srq20Result:
    """``score`` is ``None`` while any item is unanswered; ``missing`` lists those items."""

    code: str
    level: Level
    score: int | None
    missing: tuple[int, ...]
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return complete_result(
            "srq20",
            self.code,
            self.level,
            self.reasons,
            {"score": self.score, "missing": list(self.missing)},
        )


def classify_srq20(answers: Mapping[int, bool | None]) -> Srq20Result:
    """Score the answers keyed by item number; an absent or ``None`` answer is unanswered.

    Raises:
        RuleInputError: an item number outside 1–20 or an answer that is not yes/no.
    """
    for number, answer in answers.items():
        if isinstance(number, bool) or number not in SRQ20_KEY_BY_NUMBER:
            raise RuleInputError("answers", Problem.UNKNOWN_CODE, minimum=1, maximum=20)
        if answer is not None and not isinstance(answer, bool):
            raise RuleInputError("answers", Problem.INVALID, index=number)
    missing = tuple(n for n, _ in SRQ20_ITEMS if answers.get(n) is None)
    score = sum(1 for answer in answers.values() if answer) if not missing else None

    reasons: list[Reason] = []
    suicidal = answers.get(SUICIDAL_ITEM) is True
    if suicidal:
        reasons.append(Reason(SRQ20_SUICIDAL_THOUGHTS, {"item": SUICIDAL_ITEM}))
    if missing:
        reasons.append(Reason(SRQ20_INCOMPLETE, {"missing": list(missing)}))
    elif score is not None:
        code = SRQ20_SCORE_HIGH if score >= SCORE_THRESHOLD else SRQ20_SCORE_NORMAL
        reasons.append(Reason(code, {"score": score, "threshold": SCORE_THRESHOLD}))

    if suicidal:
        code_level = ("berpotensi_masalah_jiwa", Level.URGENT)
    elif missing:
        code_level = ("belum_lengkap", Level.NONE)
    elif score is not None and score >= SCORE_THRESHOLD:
        code_level = ("berpotensi_masalah_jiwa", Level.REFER)
    else:
        code_level = ("normal", Level.NONE)
    return Srq20Result(
        code=code_level[0],
        level=code_level[1],
        score=score,
        missing=missing,
        reasons=tuple(reasons),
    )


class Srq20Spec(SectionSpec[Srq20Input]):
    code = "srq20"
    order = 60
    group = "srq20"
    input_model = Srq20Input
    class_codes = ("normal", "berpotensi_masalah_jiwa")
    # Before rules 2026.12 an unfinished form was stored with this class; now it is incomplete.
    stored_class_codes = ("belum_lengkap", "not_classified")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("answers",)
    items = tuple(key for _, key in SRQ20_ITEMS)

    def availability(self, subject: Subject, on: date) -> Availability | None:
        if subject.birth_date is None:
            return "default"
        if on < subject.birth_date:
            return None
        years = age_on(subject.birth_date, on).years
        if years >= ADULT_FROM:
            return "default"
        return "on_request" if years >= ON_REQUEST_FROM else None

    def state(
        self, inputs: Srq20Input, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        numbered = inputs.numbered()
        if not numbered:
            return SectionState.NOT_ASKED, ()
        if numbered.get(SUICIDAL_ITEM) is True:
            return SectionState.COMPLETE, ()
        missing = tuple(("answer", n) for n, _ in SRQ20_ITEMS if n not in numbered)
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), missing

    def check(self, inputs: Srq20Input, ctx: RuleContext) -> list[RuleInputError]:
        if set(inputs.answers) - set(SRQ20_NUMBER_BY_KEY):
            return [RuleInputError("answers", Problem.UNKNOWN_CODE)]
        return []

    def classify(self, inputs: Srq20Input, ctx: RuleContext) -> SectionResult:
        return classify_srq20(inputs.numbered()).to_section()

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> Srq20Input | None:
        age = ctx.age
        if (age is not None and age.years < ADULT_FROM) or rng.random() >= 0.3:
            return None
        level = rng.random()
        chance = 0.05 if level < 0.8 else 0.3 if level < 0.97 else 0.5
        answers = {number: rng.random() < chance for number in range(1, 21)}
        answers[SUICIDAL_ITEM] = rng.random() < 0.01
        if rng.random() < 0.05:
            del answers[rng.randint(1, 20)]
        return Srq20Input.by_number(answers)


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    raw = case["answers"]
    if not isinstance(raw, Mapping):
        raise TypeError("answers must map item numbers to answers")
    result = classify_srq20({int(number): answer for number, answer in raw.items()})
    return {
        "class": result.code,
        "level": str(result.level),
        "score": result.score,
        "missing": list(result.missing),
    }


Srq20Spec.vector_rules = {"srq20": _vector}
SPEC = Srq20Spec()
