"""Age on a date, to the day, as the WHO tables and the Kemenkes rules count it (LIFECYCLE §a).

Pure arithmetic on dates: days, completed WHO months and completed calendar years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from screening.rules.common import Problem, RuleInputError

MAX_YEARS: Final = 130


@dataclass(frozen=True, slots=True)
class Age:
    """``days`` since birth (day of birth = 0), WHO ``months`` and calendar ``years``."""

    days: int
    months: int
    years: int


def years_between(birth_date: date, on: date) -> int:
    """Completed calendar years (someone born 29 Feb turns a year older on 1 Mar)."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


def age_on(birth_date: date, on: date) -> Age:
    """The age on ``on`` of someone born on ``birth_date``.

    ``months`` is ⌊days / 30.4375⌋, computed exactly as ⌊16·days / 487⌋.

    Raises:
        RuleInputError: ``on`` before the birth date (field ``date``), or an age over 130 years
            (field ``birth_date``).
    """
    if on < birth_date:
        raise RuleInputError("date", Problem.OUT_OF_RANGE)
    days = (on - birth_date).days
    years = years_between(birth_date, on)
    if years > MAX_YEARS:
        raise RuleInputError("birth_date", Problem.OUT_OF_RANGE, maximum=MAX_YEARS)
    return Age(days=days, months=16 * days // 487, years=years)


def month_reached(birth_date: date, month: int) -> date:
    """The first date on which the WHO age in months is ``month`` or more."""
    return birth_date + timedelta(days=-(-487 * month // 16))
