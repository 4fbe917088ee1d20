"""One visit's inputs by section, and their evaluation through the section registry.

Pure: ``evaluate_visit`` is a function of its arguments only; the form calls it once per edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from screening.rules.common import RULES_VERSION, Level, Problem, Reason, RuleInputError
from screening.rules.registry import section, sections
from screening.rules.section import (
    Earlier,
    InputModel,
    RuleContext,
    RuleSettings,
    SectionResult,
    SectionState,
    Subject,
    visit_level,
)


@dataclass(frozen=True, slots=True)
class VisitInput:
    """Everything typed for one visit: each asked section's inputs under its stable code."""

    subject: Subject
    measured_on: date
    sections: Mapping[str, InputModel] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class VisitEvaluation:
    """The asked sections' results (registry order) and every refusal, from one pass.

    ``sections`` holds complete and incomplete sections; a not-asked one is absent. Only a
    complete section has a class and counts; ``level`` is ``None`` until one is complete.
    """

    rules_version: str
    sections: tuple[SectionResult, ...]
    errors: tuple[RuleInputError, ...] = ()

    @property
    def complete(self) -> tuple[SectionResult, ...]:
        return tuple(r for r in self.sections if r.is_complete)

    @property
    def level(self) -> Level | None:
        return visit_level(self.sections)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for r in self.complete for reason in r.reasons)

    @property
    def has_result(self) -> bool:
        return bool(self.complete)

    def result(self, code: str) -> SectionResult | None:
        return next((r for r in self.sections if r.section == code), None)


class VisitRefusedError(ValueError):
    """A visit that cannot be saved: refused inputs, or no complete section at all.

    ``errors`` lists every refusal (each names its section and field, never a value); an empty
    list with ``empty`` true means nothing was complete.
    """

    def __init__(self, errors: tuple[RuleInputError, ...], *, empty: bool = False) -> None:
        first = errors[0] if errors else None
        super().__init__(str(first) if first is not None else "no complete section")
        self.errors = errors
        self.empty = empty


def evaluate_visit(visit: VisitInput, settings: RuleSettings) -> VisitEvaluation:
    """Evaluate every asked section of ``visit`` in registry order.

    A section whose inputs are empty is not asked (absent from the result); one with refused
    inputs adds its refusals to ``errors`` and is absent too, so one bad value never hides the
    other sections. Inputs for an unknown section code are refused.
    """
    ctx = RuleContext(
        subject=visit.subject, on=visit.measured_on, settings=settings, visit=visit.sections
    )
    known = {spec.code for spec in sections()}
    errors: list[RuleInputError] = [
        RuleInputError("section", Problem.UNKNOWN_CODE, section=code)
        for code in visit.sections
        if code not in known
    ]
    results: list[SectionResult] = []
    for spec in sections():
        inputs = visit.sections.get(spec.code)
        if inputs is None:
            continue
        outcome = spec.evaluate(inputs, ctx)
        if isinstance(outcome, list):
            errors.extend(outcome)
        elif outcome.state is not SectionState.NOT_ASKED:
            results.append(outcome)
    return VisitEvaluation(
        rules_version=RULES_VERSION, sections=tuple(results), errors=tuple(errors)
    )


def checked_evaluation(visit: VisitInput, settings: RuleSettings) -> VisitEvaluation:
    """``evaluate_visit``, for saving: refuses bad inputs and a visit with nothing complete.

    Raises:
        VisitRefusedError: any refused input, or no complete section.
    """
    evaluation = evaluate_visit(visit, settings)
    if evaluation.errors:
        raise VisitRefusedError(evaluation.errors)
    if not evaluation.has_result:
        raise VisitRefusedError((), empty=True)
    return evaluation


def carried_inputs(
    subject: Subject, on: date, earlier: Sequence[Earlier], settings: RuleSettings
) -> dict[str, InputModel]:
    """The inputs a new visit on ``on`` starts with, carried from ``earlier`` visits.

    Only for sections offered on ``on`` whose rule reads the past (``SectionSpec.carried``).
    """
    ctx = RuleContext(subject=subject, on=on, settings=settings)
    found: dict[str, InputModel] = {}
    for spec in sections():
        if spec.availability(subject, on) is None:
            continue
        inputs = spec.carried([e for e in earlier if e.on < on], ctx)
        if inputs is not None:
            found[spec.code] = inputs
    return found


def offered_sections(subject: Subject, on: date) -> tuple[str, ...]:
    """Codes of the sections in the default set for ``subject`` on ``on`` (LIFECYCLE §i)."""
    return tuple(spec.code for spec in sections() if spec.applies_to(subject, on))


def on_request_sections(subject: Subject, on: date) -> tuple[str, ...]:
    """Codes of the sections the kader may add for ``subject`` on ``on``."""
    return tuple(spec.code for spec in sections() if spec.availability(subject, on) == "on_request")


def parse_inputs(code: str, data: object) -> InputModel:
    """A section's inputs from their JSON form.

    Raises:
        RuleInputError: unknown section, or not that section's input shape.
    """
    try:
        spec = section(code)
    except KeyError:
        raise RuleInputError("section", Problem.UNKNOWN_CODE, section=code) from None
    return spec.parse(data)
