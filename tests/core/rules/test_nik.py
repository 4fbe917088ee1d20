"""NIK and No. KK: each refusal code, the province list, dates and century, warnings."""

from __future__ import annotations

from datetime import date

import pytest

from screening.rules.nik import NIK_ERROR_CODES, PROVINCE_CODES, parse_kk, parse_nik

VALID_PROVINCES = {
    *range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66), *range(71, 77), 81, 82,
    *range(91, 97),
}  # fmt: skip


def test_province_list_is_exactly_the_documented_one() -> None:
    assert {f"{code:02d}" for code in VALID_PROVINCES} == PROVINCE_CODES


@pytest.mark.parametrize("province", [f"{code:02d}" for code in range(100)])
def test_every_two_digit_province_code(province: str) -> None:
    result = parse_nik(f"{province}78080102030001")
    if int(province) in VALID_PROVINCES:
        assert result.valid and result.province == province
    else:
        assert (result.valid, result.error) == (False, "province")


def test_parts_are_read() -> None:
    result = parse_nik("3515144508680002")
    assert result.valid
    assert (result.province, result.regency, result.district) == ("35", "3515", "351514")
    assert (result.sex, result.day, result.month, result.year2) == ("P", 5, 8, 68)
    assert result.serial == "0002"
    assert result.birth_date is None  # no recorded birth date: the century is not known
    assert result.warnings == ()


@pytest.mark.parametrize(
    "typed", ["35 7808 010203 0001", "35.7808.010203.0001", "3578-0801-0203-0001"]
)
def test_separators_are_stripped(typed: str) -> None:
    result = parse_nik(typed)
    assert result.valid and result.nik == "3578080102030001"


@pytest.mark.parametrize(
    ("nik", "error"),
    [
        ("357808010203000", "length"),
        ("35780801020300011", "length"),
        ("", "length"),
        ("35780801020300a1", "not_digits"),
        ("3578080102030００1", "not_digits"),
        ("2078080102030001", "province"),
        ("3578080100030001", "month"),
        ("3578080113030001", "month"),
        ("3578080001030001", "day"),
        ("3578083201030001", "day"),
        ("3578084001030001", "day"),
        ("3578087201030001", "day"),
        ("3578083102030001", "date"),  # 31 February
        ("3578087102030001", "date"),  # 31 February, woman
        ("3578082902010001", "date"),  # 29 February in neither 1901 nor 2001
        ("3578080102030000", "serial"),
    ],
)
def test_each_refusal_reports_its_code(nik: str, error: str) -> None:
    result = parse_nik(nik)
    assert (result.valid, result.error) == (False, error)
    assert error in NIK_ERROR_CODES
    assert result.province is None  # nothing half-read is handed on


@pytest.mark.parametrize(
    ("raw_day", "sex", "day"), [("01", "L", 1), ("31", "L", 31), ("41", "P", 1), ("71", "P", 31)]
)
def test_day_and_sex_edges(raw_day: str, sex: str, day: int) -> None:
    result = parse_nik(f"357808{raw_day}0103" + "0001")
    assert (result.valid, result.sex, result.day) == (True, sex, day)


def test_leap_day_of_2000_is_valid_without_a_birth_date() -> None:
    assert parse_nik("3515146902000001").valid


def test_century_comes_from_the_birth_date() -> None:
    result = parse_nik("3515140101100001", birth_date=date(1910, 1, 1))
    assert result.birth_date == date(1910, 1, 1)
    assert result.warnings == ()
    later = parse_nik("3515140101100001", birth_date=date(2010, 1, 1))
    assert later.birth_date == date(2010, 1, 1) and later.warnings == ()


def test_a_date_impossible_in_the_recorded_century_is_accepted_with_a_warning() -> None:
    # 29 Feb 1900 does not exist, 29 Feb 2000 does: the card is real, the record disagrees.
    result = parse_nik("3515146902000001", birth_date=date(1900, 3, 1), sex="P")
    assert result.valid
    assert result.warnings == ("birth_date_mismatch",)


@pytest.mark.parametrize(
    ("birth_date", "sex", "warnings"),
    [
        (date(1968, 8, 5), "L", ()),
        (date(1968, 8, 6), "L", ("birth_date_mismatch",)),
        (date(1969, 8, 5), "L", ("birth_date_mismatch",)),
        (date(1968, 8, 5), "P", ("sex_mismatch",)),
        (date(1968, 9, 5), "P", ("birth_date_mismatch", "sex_mismatch")),
        (None, None, ()),
    ],
)
def test_warnings_never_refuse(
    birth_date: date | None, sex: str | None, warnings: tuple[str, ...]
) -> None:
    result = parse_nik("3515140508680001", birth_date=birth_date, sex=sex)  # type: ignore[arg-type]
    assert result.valid
    assert result.warnings == warnings


@pytest.mark.parametrize(
    ("kk", "valid", "error"),
    [
        ("3578080102030000", True, None),  # only length and province are checked
        ("3578 0899 9999 0000", True, None),
        ("2078080102030001", False, "province"),
        ("357808010203000", False, "length"),
        ("35780801020300x0", False, "not_digits"),
    ],
)
def test_family_card_number(kk: str, valid: bool, error: str | None) -> None:
    result = parse_kk(kk)
    assert (result.valid, result.error) == (valid, error)
    if valid:
        assert result.province == "35"
