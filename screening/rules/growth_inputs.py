"""The inputs of antropometri balita, checked in the order of LIFECYCLE_RULES §b's table.

Plausible ranges refuse what cannot be (a length of 300 cm); what is possible but unlikely for
the age (a 7 kg four-year-old) passes here and is flagged by the z-score (``growth_balita``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from screening.rules.common import Problem, RuleInputError, in_range
from screening.rules.growth import LAST_TABLE_DAY
from screening.rules.lila_balita import LILA_RANGE_CM
from screening.rules.stage import required_age, required_sex

WEIGHT_RANGE_KG: Final = (Decimal("0.5"), Decimal("50.0"))
LENGTH_RANGE_CM: Final = (Decimal("35.0"), Decimal("130.0"))
HEAD_RANGE_CM: Final = (Decimal("20.0"), Decimal("60.0"))
POSITIONS: Final = ("recumbent", "standing")
WEIGHED: Final = ("weight_kg", "length_cm", "head_cm", "lila_cm")
"""At least one of these, or oedema, is needed."""


@dataclass(frozen=True, slots=True)
class GrowthInputs:
    """Checked measurements, exact as typed."""

    weight_kg: Decimal | None
    length_cm: Decimal | None
    position: str | None
    head_cm: Decimal | None
    lila_cm: Decimal | None
    oedema: bool


# The measurements in check order (§b table): (field, plausible range, decimals, unit).
MEASUREMENTS: Final = (
    ("weight_kg", WEIGHT_RANGE_KG, 2, "kg"),
    ("length_cm", LENGTH_RANGE_CM, 1, "cm"),
    ("position", None, 0, ""),
    ("head_cm", HEAD_RANGE_CM, 1, "cm"),
    ("lila_cm", LILA_RANGE_CM, 1, "cm"),
)


def growth_refusals(
    measured: Mapping[str, object],
    *,
    sex: object,
    birth_date: date | None,
    on: date,
    strict: bool = True,
) -> tuple[list[RuleInputError], GrowthInputs | None]:
    """Every refusal in check order (§b table), and the checked inputs when there is none.

    ``measured`` holds the inputs by field name (absent or ``None``: not measured); a length
    without a position, and an age past day 1856, are refused only when ``strict`` (the vectors'
    rule): the form waits for the position, and does not offer the section past that day.
    """
    errors: list[RuleInputError] = []
    for check in (lambda: required_sex(sex), lambda: required_age(birth_date, on)):
        try:
            check()
        except RuleInputError as error:
            errors.append(error)
    past_tables = birth_date is not None and (on - birth_date).days > LAST_TABLE_DAY
    if strict and past_tables:
        errors.append(RuleInputError("birth_date", Problem.OUT_OF_RANGE))
    checked: dict[str, Decimal | None] = {}
    position = measured.get("position")
    for name, bounds, decimals, unit in MEASUREMENTS:
        value = measured.get(name)
        if name == "position":
            if position is not None and position not in POSITIONS:
                errors.append(RuleInputError("position", Problem.UNKNOWN_CODE))
            elif position is None and measured.get("length_cm") is not None and strict:
                errors.append(RuleInputError("position", Problem.INVALID))
        elif value is not None and bounds is not None:
            try:
                checked[name] = in_range(
                    value, field_name=name, bounds=bounds, decimals=decimals, unit=unit
                )
            except RuleInputError as error:
                errors.append(error)
    oedema = measured.get("oedema", False)
    if not isinstance(oedema, bool):
        errors.append(RuleInputError("oedema", Problem.INVALID))
    elif not oedema and not any(measured.get(name) is not None for name in WEIGHED):
        errors.append(RuleInputError("weight_kg", Problem.INVALID))
    if errors:
        return errors, None
    return [], GrowthInputs(
        weight_kg=checked.get("weight_kg"),
        length_cm=checked.get("length_cm"),
        position=position if isinstance(position, str) else None,
        head_cm=checked.get("head_cm"),
        lila_cm=checked.get("lila_cm"),
        oedema=bool(oedema),
    )
