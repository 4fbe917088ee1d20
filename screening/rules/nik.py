"""NIK and No. KK checks (SCREENING_RULES §6): they report what is wrong and never raise.

Pure functions of values. A refused number comes back with an ``error`` code from
``NIK_ERROR_CODES``; disagreements with the recorded person are warnings, not errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from screening.rules.common import Sex

PROVINCE_CODES: Final = frozenset(
    f"{code:02d}"
    for code in (
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 97),
    )
)
NUMBER_LENGTH: Final = 16
NIK_ERROR_CODES: Final = ("not_digits", "length", "province", "month", "day", "date", "serial")
NIK_WARNING_CODES: Final = ("birth_date_mismatch", "sex_mismatch")
KK_ERROR_CODES: Final = ("not_digits", "length", "province")
FEMALE_DAY_OFFSET: Final = 40
_SEPARATORS: Final = re.compile(r"[\s.\-]")


@dataclass(frozen=True, slots=True)
class NikResult:
    """What a NIK says. Fields after ``error`` are ``None`` when the NIK was refused.

    ``day`` is the real day of birth (the +40 for women removed); ``year2`` is the two-digit
    year; ``birth_date`` is the full date only when the century could be taken from a recorded
    birth date.
    """

    valid: bool
    error: str | None = None
    nik: str | None = None
    province: str | None = None
    regency: str | None = None
    district: str | None = None
    sex: Sex | None = None
    day: int | None = None
    month: int | None = None
    year2: int | None = None
    birth_date: date | None = None
    serial: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KkResult:
    valid: bool
    error: str | None = None
    kk: str | None = None
    province: str | None = None


def normalise_number(text: str) -> str:
    """Strip the spaces, dots and dashes people type inside a NIK or KK number."""
    return _SEPARATORS.sub("", text)


def _shape_error(digits: str) -> str | None:
    if digits and not (digits.isascii() and digits.isdigit()):
        return "not_digits"
    if len(digits) != NUMBER_LENGTH:
        return "length"
    if digits[:2] not in PROVINCE_CODES:
        return "province"
    return None


def _real_date(*, year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_nik(nik: str, *, birth_date: date | None = None, sex: Sex | None = None) -> NikResult:
    """Check a NIK and read its parts; compare them with the recorded birth date and sex.

    The two-digit year takes its century from ``birth_date``. Without one, or when the date does
    not exist in that century (a recorded birth date that is itself wrong), the date part is valid
    if it is a real date in 19YY or 20YY; the disagreement is then a ``birth_date_mismatch``.
    """
    digits = normalise_number(nik)
    error = _shape_error(digits)
    if error is not None:
        return NikResult(valid=False, error=error)
    raw_day, month, year2 = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if not 1 <= month <= 12:
        return NikResult(valid=False, error="month")
    if not (1 <= raw_day <= 31 or FEMALE_DAY_OFFSET + 1 <= raw_day <= FEMALE_DAY_OFFSET + 31):
        return NikResult(valid=False, error="day")
    nik_sex: Sex = "P" if raw_day > FEMALE_DAY_OFFSET else "L"
    day = raw_day - FEMALE_DAY_OFFSET if nik_sex == "P" else raw_day

    full_date: date | None = None
    if birth_date is not None:
        full_date = _real_date(year=birth_date.year // 100 * 100 + year2, month=month, day=day)
    if full_date is None and not any(
        _real_date(year=century + year2, month=month, day=day) for century in (1900, 2000)
    ):
        return NikResult(valid=False, error="date")
    serial = digits[12:]
    if serial == "0000":
        return NikResult(valid=False, error="serial")

    warnings: list[str] = []
    if birth_date is not None and full_date != birth_date:
        warnings.append("birth_date_mismatch")
    if sex is not None and sex != nik_sex:
        warnings.append("sex_mismatch")
    return NikResult(
        valid=True,
        nik=digits,
        province=digits[:2],
        regency=digits[:4],
        district=digits[:6],
        sex=nik_sex,
        day=day,
        month=month,
        year2=year2,
        birth_date=full_date,
        serial=serial,
        warnings=tuple(warnings),
    )


def parse_kk(kk: str) -> KkResult:
    """Check a family card number: 16 digits and a known province code, nothing more."""
    digits = normalise_number(kk)
    error = _shape_error(digits)
    if error is not None:
        return KkResult(valid=False, error=error)
    return KkResult(valid=True, kk=digits, province=digits[:2])
