"""SKILAS: the six domains of intrinsic capacity for lansia ≥ 60 (LIFECYCLE_RULES §f).

The section's spec and its pure rule. One positive domain refers at once, even with other
answers missing (as SRQ-20 item 17); otherwise every answer is needed for ``normal``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError, in_range
from screening.rules.section import (
    Availability,
    InputModel,
    Missing,
    Quantity,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
    years_at_least,
)

# Answers in table order: (key, domain). All are true/false except whisper and lila_cm.
ANSWERS: Final = (
    ("recall_fail", "kognitif"),
    ("orientation_time_fail", "kognitif"),
    ("orientation_place_fail", "kognitif"),
    ("chair_stand_fail", "mobilisasi"),
    ("weight_loss", "malnutrisi"),
    ("appetite_loss", "malnutrisi"),
    ("lila_cm", "malnutrisi"),
    ("eye_problem", "penglihatan"),
    ("finger_count_fail", "penglihatan"),
    ("whisper", "pendengaran"),
    ("sad_hopeless", "depresi"),
    ("little_interest", "depresi"),
)
KEYS: Final = tuple(key for key, _ in ANSWERS)
DOMAINS: Final = tuple(dict.fromkeys(domain for _, domain in ANSWERS))
WHISPER: Final = ("heard", "not_heard", "cannot_test")
LILA_RANGE_CM: Final = (Decimal("10.0"), Decimal("50.0"))
LILA_BELOW_CM: Final = Decimal("21.0")
ELDERLY_FROM: Final = 60

SKILAS_POSITIVE: Final = "skilas_positive"
"""Decline found in the ``domains`` listed."""
SKILAS_NORMAL: Final = "skilas_normal"
"""Every domain answered, none positive."""
REASON_PARAMS: Final = {SKILAS_POSITIVE: ("domains",), SKILAS_NORMAL: ()}


@dataclass(frozen=True, slots=True)
class SkilasResult:
    """``code`` is penurunan_kapasitas, normal or (with ``missing``) belum_lengkap."""

    code: str
    level: Level
    positive: tuple[str, ...]
    missing: tuple[str, ...]


def _checked(answers: Mapping[str, object]) -> dict[str, object]:
    if set(answers) - set(KEYS):
        raise RuleInputError("answers", Problem.UNKNOWN_CODE)
    out: dict[str, object] = {}
    for key in KEYS:
        value = answers.get(key)
        if value is None:
            continue
        if key == "lila_cm":
            out[key] = in_range(value, field_name=key, bounds=LILA_RANGE_CM, decimals=1, unit="cm")
        elif key == "whisper":
            if value not in WHISPER:
                raise RuleInputError(key, Problem.UNKNOWN_CODE)
            out[key] = value
        elif isinstance(value, bool):
            out[key] = value
        else:
            raise RuleInputError(key, Problem.INVALID)
    return out


def classify_skilas(answers: Mapping[str, object]) -> SkilasResult:
    """The positive domains, or the answers still missing, or normal.

    Raises:
        RuleInputError: an unknown key (``answers``), or a wrong type or value (that key).
    """
    given = _checked(answers)
    lila = given.get("lila_cm")
    positive: set[str] = set()
    for key, domain in ANSWERS:
        if given.get(key) is True:
            positive.add(domain)
    if isinstance(lila, Decimal) and lila < LILA_BELOW_CM:
        positive.add("malnutrisi")
    if given.get("whisper") in ("not_heard", "cannot_test"):
        positive.add("pendengaran")
    if positive:
        found = tuple(d for d in DOMAINS if d in positive)
        return SkilasResult("penurunan_kapasitas", Level.REFER, found, ())
    needed = [k for k in KEYS if k != "lila_cm"]
    if given.get("eye_problem") is not False:
        needed.remove("finger_count_fail")
    missing = tuple(k for k in needed if k not in given)
    if missing:
        return SkilasResult("belum_lengkap", Level.NONE, (), missing)
    return SkilasResult("normal", Level.NONE, (), ())


class SkilasInput(InputModel):
    recall_fail: bool | None = None
    orientation_time_fail: bool | None = None
    orientation_place_fail: bool | None = None
    chair_stand_fail: bool | None = None
    weight_loss: bool | None = None
    appetite_loss: bool | None = None
    lila_cm: Quantity | None = None
    eye_problem: bool | None = None
    finger_count_fail: bool | None = None
    whisper: str | None = None
    sad_hopeless: bool | None = None
    little_interest: bool | None = None

    def answers(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in KEYS if getattr(self, key) is not None}


class SkilasSpec(SectionSpec[SkilasInput]):
    code = "skilas"
    order = 71
    group = "lansia"
    input_model = SkilasInput
    class_codes = ("penurunan_kapasitas", "normal")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("answers", *KEYS)
    items = DOMAINS + WHISPER

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, ELDERLY_FROM) else None

    def state(
        self, inputs: SkilasInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        answers = inputs.answers()
        if not answers:
            return SectionState.NOT_ASKED, ()
        try:
            result = classify_skilas(answers)
        except RuleInputError:
            return SectionState.COMPLETE, ()  # refused by check()
        missing = tuple((key, None) for key in result.missing)
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), missing

    def check(self, inputs: SkilasInput, ctx: RuleContext) -> list[RuleInputError]:
        try:
            classify_skilas(inputs.answers())
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: SkilasInput, ctx: RuleContext) -> SectionResult:
        result = classify_skilas(inputs.answers())
        if result.positive:
            reason = Reason(SKILAS_POSITIVE, {"domains": list(result.positive)})
        else:
            reason = Reason(SKILAS_NORMAL)
        values = {"positive_domains": list(result.positive)}
        return complete_result(self.code, result.code, result.level, (reason,), values)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> SkilasInput | None:
        if rng.random() >= 0.5:
            return None
        chance = 0.04 + 0.25 * risk
        flags = {key: rng.random() < chance for key in KEYS if key not in ("lila_cm", "whisper")}
        if flags["eye_problem"]:
            del flags["finger_count_fail"]
        whisper = "heard" if rng.random() > chance else rng.choice(WHISPER[1:])
        lila = Decimal(str(round(max(17.0, min(34.0, rng.gauss(25.5 - 3 * risk, 2.5))), 1)))
        return SkilasInput(whisper=whisper, lila_cm=lila, **flags)


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    raw = case["answers"]
    if not isinstance(raw, Mapping):
        raise TypeError("answers must map keys to answers")
    result = classify_skilas(raw)
    return {
        "class": result.code,
        "level": result.level.value,
        "positive_domains": list(result.positive),
        "missing": list(result.missing),
    }


SkilasSpec.vector_rules = {"skilas": _vector}
SPEC = SkilasSpec()
