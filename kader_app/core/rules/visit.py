"""One visit's raw inputs per section, the rule settings, and the visit-level combination.

Pure: ``evaluate_visit`` is a function of its arguments only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from kader_app.core.rules.common import Level, Reason

Sex = Literal["L", "P"]
BpScheme = Literal["ilp", "jnc7"]
BmiScheme = Literal["asia_pacific", "kemenkes_nasional"]
GlucoseKind = Literal["sewaktu", "puasa"]
GlucoseUnit = Literal["mg/dL", "mmol/L"]
TbContact = Literal["none", "household", "close"]


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
class SectionResult:
    """The classification of one section, as stored and shown.

    ``section`` is one of ``bmi``, ``waist``, ``blood_pressure``, ``glucose``, ``tb``, ``srq20``;
    ``code`` is the stable class code from SCREENING_RULES.md §7; ``values`` holds the derived
    numbers shown beside the class (e.g. ``{"bmi": 24.2}``, ``{"systolic": 141, ...}``) and flags
    (``isolated_systolic``, ``central_obesity``, ``missing``...).
    """

    section: str
    code: str
    level: Level
    reasons: tuple[Reason, ...] = ()
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class VisitEvaluation:
    rules_version: str
    sections: tuple[SectionResult, ...]
    level: Level
    reasons: tuple[Reason, ...]


def evaluate_visit(visit: VisitInput, settings: RuleSettings) -> VisitEvaluation:
    """Classify every section that was filled in and combine them (highest level, all reasons).

    Raises:
        RuleInputError: when any filled section holds an implausible value.
    """
    raise NotImplementedError
