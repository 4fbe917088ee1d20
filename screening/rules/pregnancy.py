"""Who can be recorded as pregnant, and when a section reads a pregnancy (LIFECYCLE_RULES §d).

Pregnancy switches the adult and child tables off and the pregnancy sections on; it is only
possible for women of childbearing age. Pure: a function of the subject and the date.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from screening.rules.age import age_on
from screening.rules.common import Problem, RuleInputError
from screening.rules.section import Subject

PREGNANCY_YEARS: Final = (10, 55)
"""Completed years (inclusive) in which a woman may be recorded as pregnant."""
PREGNANCY_MAX_DAYS: Final = 44 * 7
"""A pregnancy recorded longer ago than this (44 weeks) has ended, even if nobody said so."""


def pregnant_on(start: date | None, end: date | None, on: date) -> bool:
    """Whether a pregnancy from ``start`` (HPHT), ended on ``end`` if known, runs on ``on``."""
    if start is None or on < start:
        return False
    if end is not None and on > end:
        return False
    return (on - start).days <= PREGNANCY_MAX_DAYS


def pregnancy_error(subject: Subject, on: date) -> RuleInputError | None:
    """Why ``subject`` cannot be pregnant on ``on`` (field ``pregnant``); ``None`` when she can.

    Not pregnant is always possible. A man, or a woman outside 10–55 years, is refused; an
    unknown birth date is not held against her.
    """
    if not subject.pregnant:
        return None
    low, high = PREGNANCY_YEARS
    if subject.sex != "P":
        return RuleInputError("pregnant", Problem.INVALID, minimum=low, maximum=high)
    if subject.birth_date is None or on < subject.birth_date:
        return None
    years = age_on(subject.birth_date, on).years
    if not low <= years <= high:
        return RuleInputError("pregnant", Problem.INVALID, minimum=low, maximum=high)
    return None


def is_pregnant(subject: Subject, on: date) -> bool:
    """Recorded as pregnant, and able to be (the pregnancy sections are offered)."""
    return subject.pregnant and pregnancy_error(subject, on) is None


def check_pregnancy(subject: Subject, on: date) -> None:
    """Raise the refusal of :func:`pregnancy_error`, if any.

    Raises:
        RuleInputError: pregnant but not a woman of 10–55 years (field ``pregnant``).
    """
    error = pregnancy_error(subject, on)
    if error is not None:
        raise error
