"""Why a parsed payload may not be stored: the rules disagree, a NIK is invalid, a date is absurd.

Pure: no database access. Every answer is the kader's message (see `refusals`), never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from screening.rules.common import RULES_VERSION
from screening.rules.nik import parse_kk, parse_nik
from screening.rules.recheck import UNREADABLE, recheck_visit
from sync.protocol import PersonPayload, SectionPayload, VisitPayload
from sync.server import refusals
from sync.server.envelopes import in_years
from sync.server.sections import UnreadableSectionError, complete_sections

# Nesting needs no check here: the body's parser refuses anything deeper than 200 levels, far
# inside what every reader of a stored payload takes.


def payload_problem(payload: PersonPayload | VisitPayload) -> str | None:
    """Why a parsed payload may not be stored (the kader's message), or None when it may."""
    if isinstance(payload, PersonPayload):
        return person_problem(payload)
    return visit_problem(payload)


def _times_in_years(*values: date | datetime | None) -> bool:
    for value in values:
        if value is None:
            continue
        if not in_years(value):
            return False
        if isinstance(value, datetime) and (
            value.tzinfo is None or not in_years(value.astimezone(UTC))
        ):
            return False
    return True


def person_problem_dates(payload: PersonPayload) -> bool:
    """Whether a resident's dates fall outside the years the server keeps."""
    return not _times_in_years(payload.birth_date, payload.created_at, payload.updated_at)


def visit_problem_dates(payload: VisitPayload) -> bool:
    """Whether a visit's dates fall outside the years the server keeps."""
    return not _times_in_years(
        payload.measured_at,
        payload.measured_at_utc,
        payload.measured_on,
        payload.subject.birth_date,
    )


def person_problem(payload: PersonPayload) -> str | None:
    """An invalid NIK (its date and sex read against the person's) or No. KK, or absurd dates."""
    if person_problem_dates(payload):
        return refusals.DATE_OUT_OF_RANGE
    if payload.nik is not None:
        nik = parse_nik(payload.nik, birth_date=payload.birth_date, sex=payload.sex)
        if not nik.valid:
            return refusals.NIK_INVALID
    if payload.kk is not None and not parse_kk(payload.kk).valid:
        return refusals.KK_INVALID
    return None


def visit_problem(payload: VisitPayload) -> str | None:
    """Stored classes the rules disagree with, inputs they cannot read, or absurd dates."""
    if visit_problem_dates(payload):
        return refusals.DATE_OUT_OF_RANGE
    problem = recheck_visit(payload)
    if problem is None and _rechecked(payload):
        # The rules just read every section's inputs and classified them: readable.
        return None
    if problem is None:
        try:
            complete_sections(payload)
        except UnreadableSectionError as error:
            return refusals.visit_unreadable([error.section])
        return None
    if payload.measured_at.date() != payload.measured_on:
        return refusals.VISIT_DATE_MISMATCH
    # Sections are classified one by one, so each can be rechecked alone to name the culprits.
    failing = [
        code
        for code, stored in payload.sections.items()
        if recheck_visit(_only(payload, code, stored)) is not None
    ]
    if problem == UNREADABLE:
        return refusals.visit_unreadable(failing)
    return refusals.visit_mismatch(failing)


def _rechecked(payload: VisitPayload) -> bool:
    """Whether `recheck_visit` classified the payload itself (it is of these rules' version)."""
    return payload.rules_version == RULES_VERSION and all(
        s.rules_version == RULES_VERSION for s in payload.sections.values()
    )


def _only(payload: VisitPayload, code: str, stored: SectionPayload) -> VisitPayload:
    sections: Mapping[str, SectionPayload] = {code: stored}
    return payload.model_copy(update={"sections": sections, "level": stored.level})
