"""Shared vocabulary of the screening rules: levels, reasons, results and the domain error.

Pure values only: nothing here reads a clock, a setting or a database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Literal

RULES_VERSION = "ilp-2023.1"

Sex = Literal["L", "P"]
BpScheme = Literal["ilp", "jnc7"]
BmiScheme = Literal["asia_pacific", "kemenkes_nasional"]
GlucoseKind = Literal["sewaktu", "puasa"]
GlucoseUnit = Literal["mg/dL", "mmol/L"]
TbContact = Literal["none", "household", "close"]


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

    ``code`` never changes once released (it is stored and sent); the GUI turns it into words
    through the translation layer, filling ``params`` into the text.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SectionResult:
    """The classification of one section, as stored and shown.

    ``section`` is one of ``bmi``, ``waist``, ``blood_pressure``, ``glucose``, ``tb``, ``srq20``;
    ``code`` is the stable class code from SCREENING_RULES.md §7 (all listed in ``codes.py``);
    ``values`` holds the derived numbers shown beside the class (e.g. ``{"bmi": 24.2}``,
    ``{"systolic": 141, ...}``) and flags (``isolated_systolic``, ``central_obesity``,
    ``missing``...). Everything in ``params`` and ``values`` is JSON-serialisable.
    """

    section: str
    code: str
    level: Level
    reasons: tuple[Reason, ...] = ()
    values: dict[str, object] = field(default_factory=dict)


class RuleInputError(ValueError):
    """An input refused as implausible. Names the field and, when it has one, the allowed range."""

    def __init__(
        self,
        field_name: str,
        message: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message
        self.minimum = minimum
        self.maximum = maximum


def to_decimal(value: object, *, field_name: str) -> Decimal:
    """Read a typed number exactly: ints, decimal strings (``"7,5"`` or ``"7.5"``), or floats.

    A float goes through its shortest ``repr`` so ``53.4`` is read as 53.4, not as its binary
    neighbour. The error message never repeats the value, because it may be logged.
    """
    if isinstance(value, bool):
        raise RuleInputError(field_name, "harus berupa angka")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise RuleInputError(field_name, "harus berupa angka")
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise RuleInputError(field_name, "harus berupa angka") from None
    else:
        raise RuleInputError(field_name, "harus berupa angka")
    if not number.is_finite():
        raise RuleInputError(field_name, "harus berupa angka")
    return number
