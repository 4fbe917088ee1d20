"""Between the rules and the wire: a visit payload's inputs as the rules read them, and its recheck.

The Puskesmas server calls ``recheck_visit`` on every pushed visit: a payload whose stored
classes are not what these rules give for its own inputs is refused. Pure: no I/O.
"""

from __future__ import annotations

from typing import Final

from screening.rules.common import RULES_VERSION, RuleInputError
from screening.rules.section import RuleSettings, SectionState, Subject
from screening.rules.visit import VisitInput, evaluate_visit, parse_inputs
from sync.protocol import SectionPayload, VisitPayload

MISMATCH: Final = "class_mismatch"
"""A stored class, level or state differs from the rules' own result for the inputs."""
UNREADABLE: Final = "inputs_unreadable"
"""A section's inputs are not that section's shape, or refused by its rules."""


def subject_of(payload: VisitPayload) -> Subject:
    return Subject(
        sex=payload.subject.sex,
        birth_date=payload.subject.birth_date,
        pregnant=payload.subject.pregnant,
    )


def settings_of(payload: VisitPayload) -> RuleSettings:
    s = payload.settings
    return RuleSettings(
        bp_scheme=s.bp_scheme, bmi_scheme=s.bmi_scheme, tb_cough_min_days=s.tb_cough_min_days
    )


def visit_input_of(payload: VisitPayload) -> VisitInput:
    """The typed inputs of every section of ``payload``.

    Raises:
        RuleInputError: a section code no rule knows, or inputs not in that section's shape.
    """
    return VisitInput(
        subject=subject_of(payload),
        measured_on=payload.measured_on,
        sections={code: parse_inputs(code, s.inputs) for code, s in payload.sections.items()},
    )


def _same(stored: SectionPayload, state: SectionState, code: str | None, level: str | None) -> bool:
    return stored.state == state.value and stored.class_code == code and stored.level == level


def recheck_visit(payload: VisitPayload) -> str | None:
    """``None`` when the payload agrees with these rules, else why not (a stable code).

    Only payloads of this ``RULES_VERSION`` can be rechecked; older ones keep the classes they
    were saved with (their inputs must still be readable). The measurement date must be the
    local date of ``measured_at``.
    """
    if payload.measured_at.date() != payload.measured_on:
        return MISMATCH
    try:
        inputs = visit_input_of(payload)
    except RuleInputError:
        return UNREADABLE
    if payload.rules_version != RULES_VERSION or any(
        s.rules_version != RULES_VERSION for s in payload.sections.values()
    ):
        return None
    evaluation = evaluate_visit(inputs, settings_of(payload))
    if evaluation.errors:
        return UNREADABLE
    results = {r.section: r for r in evaluation.sections}
    if set(results) != set(payload.sections):
        return MISMATCH
    for code, stored in payload.sections.items():
        result = results[code]
        level = None if result.level is None else result.level.value
        if not _same(stored, result.state, result.code, level):
            return MISMATCH
    return None
