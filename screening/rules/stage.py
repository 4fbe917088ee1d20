"""The person's age as the life-cycle sections read it (LIFECYCLE_RULES §a, §i).

Child and pregnancy sections need a birth date: without one they are not offered, and their
rules refuse it. Pure.
"""

from __future__ import annotations

from datetime import date

from screening.rules.age import Age, age_on
from screening.rules.common import Problem, RuleInputError, Sex
from screening.rules.section import Subject


def subject_age(subject: Subject, on: date) -> Age | None:
    """Age on ``on``; ``None`` without a birth date or before it."""
    if subject.birth_date is None or on < subject.birth_date:
        return None
    return age_on(subject.birth_date, on)


def required_age(birth_date: date | None, on: date) -> Age:
    """Age on ``on`` for a rule that cannot do without it.

    Raises:
        RuleInputError: no birth date (field ``birth_date``), ``on`` before it (``date``), or
            over 130 years.
    """
    if birth_date is None:
        raise RuleInputError("birth_date", Problem.INVALID)
    return age_on(birth_date, on)


def required_sex(sex: object) -> Sex:
    """``L`` or ``P``.

    Raises:
        RuleInputError: anything else (field ``sex``).
    """
    if sex == "L":
        return "L"
    if sex == "P":
        return "P"
    raise RuleInputError("sex", Problem.UNKNOWN_CODE)
