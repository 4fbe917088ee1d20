"""Jiwa: the SRQ-20 items (Kemenkes numbering, stable keys) and the score (SCREENING_RULES §5).

Pure functions of values. Item 17 answered yes is urgent even before the form is complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from kader_app.core.rules.codes import ReasonCode
from kader_app.core.rules.common import Level, Reason, RuleInputError, SectionResult

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


@dataclass(frozen=True, slots=True)
class Srq20Result:
    """``score`` is ``None`` while any item is unanswered; ``missing`` lists those items."""

    code: str
    level: Level
    score: int | None
    missing: tuple[int, ...]
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return SectionResult(
            section="srq20",
            code=self.code,
            level=self.level,
            reasons=self.reasons,
            values={"score": self.score, "missing": list(self.missing)},
        )


def classify_srq20(answers: Mapping[int, bool | None]) -> Srq20Result:
    """Score the answers keyed by item number; an absent or ``None`` answer is unanswered.

    Raises:
        RuleInputError: an item number outside 1–20 or an answer that is not yes/no.
    """
    for number, answer in answers.items():
        if isinstance(number, bool) or number not in SRQ20_KEY_BY_NUMBER:
            raise RuleInputError(
                "answers", "nomor pertanyaan SRQ-20 harus 1–20", minimum=1, maximum=20
            )
        if answer is not None and not isinstance(answer, bool):
            raise RuleInputError("answers", "jawaban SRQ-20 harus ya atau tidak")
    missing = tuple(n for n, _ in SRQ20_ITEMS if answers.get(n) is None)
    complete = not missing
    score = sum(1 for answer in answers.values() if answer) if complete else None

    reasons: list[Reason] = []
    if answers.get(SUICIDAL_ITEM) is True:
        reasons.append(Reason(ReasonCode.SRQ20_SUICIDAL_THOUGHTS, {"item": SUICIDAL_ITEM}))
    if missing:
        reasons.append(Reason(ReasonCode.SRQ20_INCOMPLETE, {"missing": list(missing)}))
    elif score is not None:
        code = (
            ReasonCode.SRQ20_SCORE_HIGH
            if score >= SCORE_THRESHOLD
            else ReasonCode.SRQ20_SCORE_NORMAL
        )
        reasons.append(Reason(code, {"score": score, "threshold": SCORE_THRESHOLD}))

    if answers.get(SUICIDAL_ITEM) is True:
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
