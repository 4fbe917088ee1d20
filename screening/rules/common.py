"""The rules' shared values: the rules version, levels, reasons, the refusal error, exact numbers.

Pure values only: nothing here reads a clock, a setting or a database. This package (with
`screening.words`) is the one part of the app the Puskesmas server imports, so it imports
nothing else from the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Literal

RULES_VERSION = "ilp-2026.12"
"""The version of SCREENING_RULES.md and LIFECYCLE_RULES.md these rules implement."""

OLDER_RULES_VERSIONS = ("ilp-2023.1",)
"""Versions saved by earlier releases: their stored classes stand and are never recomputed."""

Sex = Literal["L", "P"]
BpScheme = Literal["ilp", "jnc7"]
BmiScheme = Literal["asia_pacific", "kemenkes_nasional"]


class Level(StrEnum):
    """Referral level, ordered none < monitor < refer < urgent."""

    NONE = "none"
    MONITOR = "monitor"
    REFER = "refer"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.NONE: 0, Level.MONITOR: 1, Level.REFER: 2, Level.URGENT: 3}


def max_level(*levels: Level) -> Level:
    """The highest of the given levels (``none`` when given nothing)."""
    return max(levels, key=lambda level: level.rank, default=Level.NONE)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a section got its class: a stable code plus the values that explain it.

    ``code`` never changes once released (it is stored and sent); `screening.words` turns
    it into words in either language, filling ``params`` into the text.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


class Problem(StrEnum):
    """What is wrong with a refused input; the words say it in the user's language."""

    NOT_A_NUMBER = "not_a_number"
    NOT_WHOLE = "not_whole"
    OUT_OF_RANGE = "out_of_range"
    TOO_MANY_DECIMALS = "too_many_decimals"
    SYSTOLIC_NOT_ABOVE_DIASTOLIC = "systolic_not_above_diastolic"
    UNKNOWN_CODE = "unknown_code"
    TOO_MANY = "too_many"
    NOT_OFFERED = "not_offered"
    INVALID = "invalid"


class RuleInputError(ValueError):
    """An input refused as implausible. Names the field, its reading or item, and the range.

    ``field`` is the input's stable name (``systolic``), ``index`` which reading or item it is
    (1-based, or ``None``), ``section`` the section's code when known. The text of the error
    never repeats the value, because it may be health data; `screening.words.refusal_text`
    gives the words a kader reads.
    """

    def __init__(
        self,
        field_name: str,
        problem: Problem,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        index: int | None = None,
        section: str = "",
        unit: str = "",
    ) -> None:
        where = field_name if index is None else f"{field_name}[{index}]"
        super().__init__(f"{section + '.' if section else ''}{where}: {problem.value}")
        self.field = field_name
        self.problem = problem
        self.minimum = minimum
        self.maximum = maximum
        self.index = index
        self.section = section
        self.unit = unit

    def in_section(self, section: str) -> RuleInputError:
        """This error, naming ``section`` (rules raise it before they know their caller)."""
        if self.section:
            return self
        return RuleInputError(
            self.field,
            self.problem,
            minimum=self.minimum,
            maximum=self.maximum,
            index=self.index,
            section=section,
            unit=self.unit,
        )


def to_decimal(value: object, *, field_name: str) -> Decimal:
    """Read a typed number exactly: ints, decimal strings (``"7,5"`` or ``"7.5"``), or floats.

    A float goes through its shortest ``repr`` so ``53.4`` is read as 53.4, not as its binary
    neighbour.

    Raises:
        RuleInputError: not a finite number.
    """
    if isinstance(value, bool):
        raise RuleInputError(field_name, Problem.NOT_A_NUMBER)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise RuleInputError(field_name, Problem.NOT_A_NUMBER)
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise RuleInputError(field_name, Problem.NOT_A_NUMBER) from None
    else:
        raise RuleInputError(field_name, Problem.NOT_A_NUMBER)
    if not number.is_finite():
        raise RuleInputError(field_name, Problem.NOT_A_NUMBER)
    return number


def in_range(
    value: object,
    *,
    field_name: str,
    bounds: tuple[Decimal, Decimal],
    decimals: int | None = None,
    unit: str = "",
) -> Decimal:
    """``value`` read exactly and checked against inclusive ``bounds`` and its decimal places.

    Raises:
        RuleInputError: not a number, more decimals than allowed, or outside ``bounds``.
    """
    number = to_decimal(value, field_name=field_name)
    low, high = bounds
    exponent = number.as_tuple().exponent
    if decimals is not None and isinstance(exponent, int) and -exponent > decimals:
        raise RuleInputError(field_name, Problem.TOO_MANY_DECIMALS, maximum=decimals, unit=unit)
    if not low <= number <= high:
        raise RuleInputError(
            field_name, Problem.OUT_OF_RANGE, minimum=float(low), maximum=float(high), unit=unit
        )
    return number


def whole_number(
    value: object, *, field_name: str, bounds: tuple[int, int], unit: str = "", index: int | None
) -> int:
    """A whole number within inclusive ``bounds``.

    Raises:
        RuleInputError: not a whole number, or outside ``bounds``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise RuleInputError(field_name, Problem.NOT_A_NUMBER, index=index, unit=unit)
    try:
        number = to_decimal(value, field_name=field_name)
    except RuleInputError:
        raise RuleInputError(field_name, Problem.NOT_A_NUMBER, index=index, unit=unit) from None
    if number != number.to_integral_value():
        raise RuleInputError(field_name, Problem.NOT_WHOLE, index=index, unit=unit)
    low, high = bounds
    if not low <= number <= high:
        raise RuleInputError(
            field_name, Problem.OUT_OF_RANGE, minimum=low, maximum=high, index=index, unit=unit
        )
    return int(number)
