"""The section unit: what every screening section declares, and what its evaluation returns.

A section is one rule module under `screening/rules/` holding a ``SPEC``: its input model,
plausible ranges, whom it is offered to, how complete inputs are classified, its stable codes
and its measured values. Pure: nothing here reads a clock, a settings file or a database.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, PlainSerializer, ValidationError

from screening.rules.age import Age, age_on
from screening.rules.common import (
    BmiScheme,
    BpScheme,
    Level,
    Problem,
    Reason,
    RuleInputError,
    max_level,
)


class SectionState(StrEnum):
    """Whether a section was asked, and whether enough was entered to classify it."""

    NOT_ASKED = "not_asked"
    INCOMPLETE = "incomplete"
    COMPLETE = "complete"


Availability = Literal["default", "on_request"]
"""How a section is offered: in the default set, or only when the kader adds it."""


@dataclass(frozen=True, slots=True)
class Subject:
    """What the rules know of the person screened (never a name or NIK)."""

    sex: str
    birth_date: date | None
    pregnant: bool = False
    pregnancy_start: date | None = None
    """First day of the current pregnancy (HPHT) when the register knows it: where "this
    pregnancy" begins for the sections that add up its visits (TTD tablets)."""


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The settings the rules depend on (chosen by the Puskesmas, stored in app settings)."""

    bp_scheme: BpScheme = "ilp"
    bmi_scheme: BmiScheme = "asia_pacific"
    tb_cough_min_days: int = 0


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Everything besides its own inputs that a section's rule may read.

    ``visit`` holds the other sections' inputs of the same visit (a weight-trend section reads
    the weight typed in the growth section). Nothing from earlier visits is here: a section that
    needs them carries them in its own inputs (see ``SectionSpec.carried``), so every payload
    can be rechecked on its own.
    """

    subject: Subject
    on: date
    settings: RuleSettings = field(default_factory=RuleSettings)
    visit: Mapping[str, InputModel] = field(default_factory=dict)

    @property
    def age(self) -> Age | None:
        """Age on the measurement date; ``None`` without a birth date."""
        if self.subject.birth_date is None:
            return None
        return age_on(self.subject.birth_date, self.on)


@dataclass(frozen=True, slots=True)
class Earlier:
    """One earlier visit of the person, as the rules see it: its date and section inputs."""

    on: date
    sections: Mapping[str, InputModel]


Missing = tuple[str, int | None]
"""An input still needed before a section can be classified: (field, reading or item number)."""


@dataclass(frozen=True, slots=True)
class SectionResult:
    """One asked section's outcome, as stored and shown.

    Only a ``complete`` section has a ``code`` (its class, a stable code) and a ``level``;
    an ``incomplete`` one lists what is ``missing``. ``values`` holds derived numbers shown
    beside the class (``{"bmi": 24.2}``) and flags; everything in it is JSON-serialisable.
    """

    section: str
    state: SectionState
    code: str | None = None
    level: Level | None = None
    reasons: tuple[Reason, ...] = ()
    values: Mapping[str, object] = field(default_factory=dict)
    missing: tuple[Missing, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.state is SectionState.COMPLETE


def complete_result(
    section: str,
    code: str,
    level: Level,
    reasons: tuple[Reason, ...],
    values: Mapping[str, object] | None = None,
) -> SectionResult:
    return SectionResult(
        section=section,
        state=SectionState.COMPLETE,
        code=code,
        level=level,
        reasons=reasons,
        values=dict(values or {}),
    )


def visit_level(results: tuple[SectionResult, ...]) -> Level | None:
    """The highest level of the complete sections; ``None`` when none is complete."""
    levels = [r.level for r in results if r.is_complete and r.level is not None]
    return max_level(*levels) if levels else None


@dataclass(frozen=True, slots=True)
class Measure:
    """One measured or derived value a section reports, for exports and FHIR.

    ``loinc`` is set where a code is agreed (SCREENING_RULES §8); ``unit`` is UCUM.
    """

    key: str
    value: Decimal | int | str | bool
    unit: str = ""
    loinc: str | None = None


def _json_number(value: Decimal) -> int | float:
    return (
        int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    )


Quantity = Annotated[Decimal, PlainSerializer(_json_number, when_used="json")]
"""A measured number kept exact in memory and written as a JSON number."""


def _sorted_codes(codes: frozenset[str]) -> list[str]:
    return sorted(codes)


Codes = Annotated[frozenset[str], PlainSerializer(_sorted_codes, when_used="json")]
"""A set of stable codes, written as a sorted list so the JSON (and its hash) never varies."""


class InputModel(BaseModel):
    """Base of every section's inputs: immutable, and unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)


InputT = TypeVar("InputT", bound=InputModel)

VectorRule = Callable[[Mapping[str, Any]], dict[str, Any]]


class SectionSpec(ABC, Generic[InputT]):
    """Everything one screening section declares; one instance, ``SPEC``, per rule module.

    Subclasses set the class attributes and implement the five methods; ``evaluate`` is the
    same for every section.
    """

    code: ClassVar[str]
    """Stable section code (storage, wire, reports): never changes."""
    order: ClassVar[int]
    """Position in the form and in reports."""
    group: ClassVar[str]
    """The form tab it shares with others (``anthropometry`` holds ``bmi`` and ``waist``)."""
    input_model: ClassVar[type[InputModel]]
    class_codes: ClassVar[tuple[str, ...]]
    """Every class ``classify`` can give (old versions' extra codes in ``stored_class_codes``)."""
    stored_class_codes: ClassVar[tuple[str, ...]] = ()
    reason_codes: ClassVar[tuple[str, ...]]
    fields: ClassVar[tuple[str, ...]]
    """The input fields a refusal or a missing entry can name, in form order."""
    items: ClassVar[tuple[str, ...]] = ()
    """Stable keys of the section's checklist items (TB symptoms, SRQ-20 questions…)."""
    vector_rules: ClassVar[Mapping[str, VectorRule]] = {}
    """``rule`` names of the vectors files this section answers, and how."""
    listed_as: ClassVar[str | None] = None
    """The row of LIFECYCLE_RULES §i this section is offered under, when it shares one with
    other sections (LiLA, danger signs and TTD are one row, ``ibu_hamil``); else its code."""

    @abstractmethod
    def availability(self, subject: Subject, on: date) -> Availability | None:
        """Whether the section is offered to ``subject`` on ``on`` (LIFECYCLE_RULES §i)."""

    @abstractmethod
    def state(self, inputs: InputT, ctx: RuleContext) -> tuple[SectionState, tuple[Missing, ...]]:
        """Not asked, incomplete (with what is missing) or complete, from the inputs alone."""

    @abstractmethod
    def check(self, inputs: InputT, ctx: RuleContext) -> list[RuleInputError]:
        """Every implausible value among the inputs entered (empty when all are plausible)."""

    @abstractmethod
    def classify(self, inputs: InputT, ctx: RuleContext) -> SectionResult:
        """The class of complete, plausible inputs."""

    def measures(self, inputs: InputT, result: SectionResult) -> tuple[Measure, ...]:  # noqa: ARG002
        """The values to export and send to FHIR (by default none)."""
        return ()

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> InputT | None:  # noqa: ARG002
        """Realistic inputs for the demo and benchmark data (``None``: not measured)."""
        return None

    def carried(self, earlier: Sequence[Earlier], ctx: RuleContext) -> InputT | None:  # noqa: ARG002
        """Inputs a new visit starts with, from the person's earlier visits (oldest first).

        For sections whose rule reads the past (doses given, last month's weighing, tablets
        so far): what they need is copied into their inputs here. ``None``: starts empty.
        """
        return None

    def applies_to(self, subject: Subject, on: date) -> bool:
        """Whether the section is in the default set for ``subject`` on ``on``."""
        return self.availability(subject, on) == "default"

    def parse(self, data: object) -> InputT:
        """The inputs from their JSON form.

        Raises:
            RuleInputError: ``data`` is not this section's input shape (field ``inputs``).
        """
        try:
            parsed = self.input_model.model_validate(data)
        except ValidationError:
            raise RuleInputError("inputs", Problem.INVALID, section=self.code) from None
        return parsed  # type: ignore[return-value]

    def evaluate(self, inputs: InputT, ctx: RuleContext) -> SectionResult | list[RuleInputError]:
        """The section's result, or every refusal of its inputs; ``NOT_ASKED`` when empty."""
        state, missing = self.state(inputs, ctx)
        if state is SectionState.NOT_ASKED:
            return SectionResult(section=self.code, state=state)
        errors = [error.in_section(self.code) for error in self.check(inputs, ctx)]
        if not errors and self.availability(ctx.subject, ctx.on) is None:
            errors = [RuleInputError("section", Problem.NOT_OFFERED, section=self.code)]
        if errors:
            return errors
        if state is SectionState.INCOMPLETE:
            return SectionResult(section=self.code, state=state, missing=missing)
        return self.classify(inputs, ctx)


def years_at_least(subject: Subject, on: date, minimum: int, *, not_pregnant: bool = False) -> bool:
    """Age on ``on`` is ``minimum`` years or more (unknown birth date: yes)."""
    if not_pregnant and subject.pregnant:
        return False
    if subject.birth_date is None:
        return True
    return age_on(subject.birth_date, on).years >= minimum if on >= subject.birth_date else False
