"""A stored visit's complete sections, read through each section's own rules (never re-classified).

Only a complete section counts anywhere on the server; its typed inputs, its stored result and
its measures (for exports and FHIR) come from here. Pure: no database, no web code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from screening.rules.common import Level, RuleInputError
from screening.rules.recheck import settings_of, subject_of
from screening.rules.registry import section
from screening.rules.section import (
    InputModel,
    Measure,
    RuleContext,
    SectionResult,
    SectionState,
)
from screening.rules.visit import parse_inputs
from sync.protocol import SectionPayload, VisitPayload


class UnreadableSectionError(ValueError):
    """A stored section whose inputs or measures its rules cannot read (names only the code)."""

    def __init__(self, section_code: str) -> None:
        super().__init__(f"section {section_code} cannot be read")
        self.section = section_code


@dataclass(frozen=True, slots=True)
class CompleteSection:
    """One complete section of a stored visit: inputs as typed, the stored result, its measures."""

    code: str
    inputs: InputModel
    result: SectionResult
    measures: Mapping[str, Measure]


def stored_result(code: str, stored: SectionPayload) -> SectionResult:
    """The section's class, level and values exactly as stored (never recomputed).

    Reasons are left out: nothing on the server shows them, and measures do not read them.
    """
    return SectionResult(
        section=code,
        state=SectionState(stored.state),
        code=stored.class_code,
        level=None if stored.level is None else Level(stored.level),
        values=stored.values,
    )


def rule_context(payload: VisitPayload) -> RuleContext:
    """What the rules knew besides the inputs: the person, the date and the settings."""
    return RuleContext(
        subject=subject_of(payload), on=payload.measured_on, settings=settings_of(payload)
    )


def read_section(code: str, stored: SectionPayload) -> CompleteSection:
    """One complete stored section with its typed inputs and measures.

    Raises:
        UnreadableSectionError: the inputs are not the section's shape, or its measures cannot
            be taken from what was stored.
    """
    try:
        inputs = parse_inputs(code, stored.inputs)
        result = stored_result(code, stored)
        measures = section(code).measures(inputs, result)
    except (RuleInputError, LookupError, TypeError, ValueError, InvalidOperation, AssertionError):
        raise UnreadableSectionError(code) from None
    return CompleteSection(
        code=code, inputs=inputs, result=result, measures={m.key: m for m in measures}
    )


def complete_sections(payload: VisitPayload) -> dict[str, CompleteSection]:
    """Every complete section of the visit, in the order it was stored.

    Raises:
        UnreadableSectionError: the first section that cannot be read.
    """
    return {
        code: read_section(code, stored)
        for code, stored in payload.sections.items()
        if stored.state == "complete"
    }


def readable_sections(payload: VisitPayload) -> dict[str, CompleteSection]:
    """Every complete section of the visit that can be read (one that cannot is left out).

    Pushed payloads are checked with `complete_sections` before they are stored; this is for
    rows stored before that check existed.
    """
    out: dict[str, CompleteSection] = {}
    for code, stored in payload.sections.items():
        if stored.state == "complete":
            try:
                out[code] = read_section(code, stored)
            except UnreadableSectionError:
                continue
    return out


def plain_number(value: object) -> int | float | str | bool | None:
    """A measure's value for a spreadsheet or JSON: exact decimals as int or float."""
    if isinstance(value, Decimal):
        integral = value == value.to_integral_value() and value.as_tuple().exponent == 0
        return int(value) if integral else float(value)
    if value is None or isinstance(value, int | float | str | bool):
        return value
    return str(value)
