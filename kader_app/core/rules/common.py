"""Shared vocabulary of the screening rules: levels, reasons, results and the domain error.

Pure values only: nothing here reads a clock, a setting or a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

RULES_VERSION = "ilp-2023.1"


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
