"""Running the cases of ``vectors.json`` through the rules: ``kader-app check-rules``.

Finds each case's rule among the sections' own vector rules and judges it per SCREENING_RULES §7
and LIFECYCLE_RULES §j. Never raises on a bad file: it reports in Bahasa Indonesia and returns a
non-zero exit code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from screening.rules.age import age_on
from screening.rules.common import RuleInputError
from screening.rules.nik import parse_kk, parse_nik
from screening.rules.pregnancy import check_pregnancy
from screening.rules.registry import sections
from screening.rules.section import Subject
from screening.rules.visit import offered_sections

SET_KEYS = frozenset({"warnings", "missing", "flags", "signs", "positive_domains", "sections"})
_ABSENT = "<tidak ada>"

VectorRule = Callable[[Mapping[str, Any]], dict[str, Any]]


class CaseFormatError(ValueError):
    """A case that cannot be run at all (unknown rule, missing or ill-typed input)."""


def _nik(case_input: Mapping[str, Any]) -> dict[str, Any]:
    birth_date = case_input.get("birth_date")
    result = parse_nik(
        case_input["nik"],
        birth_date=date.fromisoformat(birth_date) if birth_date else None,
        sex=case_input.get("sex"),
    )
    if not result.valid:
        return {"valid": False, "error_code": result.error}
    return {
        "valid": True,
        "province": result.province,
        "regency": result.regency,
        "district": result.district,
        "sex": result.sex,
        "day": result.day,
        "month": result.month,
        "serial": result.serial,
        "warnings": list(result.warnings),
    }


def _kk(case_input: Mapping[str, Any]) -> dict[str, Any]:
    result = parse_kk(case_input["kk"])
    if not result.valid:
        return {"valid": False, "error_code": result.error}
    return {"valid": True, "province": result.province}


def _age(case_input: Mapping[str, Any]) -> dict[str, Any]:
    age = age_on(
        date.fromisoformat(case_input["birth_date"]), date.fromisoformat(case_input["date"])
    )
    return {"days": age.days, "months": age.months, "years": age.years}


def _sections(case_input: Mapping[str, Any]) -> dict[str, Any]:
    """The default set as LIFECYCLE_RULES §i names its rows (``listed_as``)."""
    subject = Subject(
        sex=case_input["sex"],
        birth_date=date.fromisoformat(case_input["birth_date"]),
        pregnant=bool(case_input.get("pregnant", False)),
    )
    on = date.fromisoformat(case_input["date"])
    check_pregnancy(subject, on)
    offered = set(offered_sections(subject, on))
    rows = [spec.listed_as or spec.code for spec in sections() if spec.code in offered]
    return {"sections": list(dict.fromkeys(rows))}


def rules() -> dict[str, VectorRule]:
    """Every rule name a vectors file may use: the sections' own, plus NIK, KK, age, sections."""
    found: dict[str, VectorRule] = {"nik": _nik, "kk": _kk, "age": _age, "sections": _sections}
    for spec in sections():
        found.update(spec.vector_rules)
    return found


def evaluate_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """Run a case's ``input`` through its ``rule``; the flat result is compared to ``expect``.

    An input the rule refuses gives ``{"error": True, "field": ...}``.

    Raises:
        CaseFormatError: the case names an unknown rule or its input is missing or ill-typed.
    """
    rule = case.get("rule")
    case_input = case.get("input", {})
    known = rules()
    if not isinstance(rule, str) or rule not in known:
        raise CaseFormatError(f"aturan tidak dikenal: {rule!r}")
    if not isinstance(case_input, Mapping):
        raise CaseFormatError("input harus berupa objek")
    try:
        return known[rule](case_input)
    except RuleInputError as error:
        return {"error": True, "field": error.field}
    except KeyError as missing:
        raise CaseFormatError(f"input tidak memuat {missing}") from None
    except (TypeError, ValueError) as error:
        raise CaseFormatError(f"input tidak dapat dibaca ({type(error).__name__})") from None


def _same(key: str, expected: Any, actual: Any) -> bool:
    if key in SET_KEYS and isinstance(expected, list) and isinstance(actual, list):
        return set(expected) == set(actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    return bool(expected == actual)


def mismatches(expect: Mapping[str, Any], actual: Mapping[str, Any]) -> list[str]:
    """The keys of ``expect`` whose value differs from ``actual`` (absent keys differ)."""
    return [
        key
        for key, expected in expect.items()
        if key not in actual or not _same(key, expected, actual[key])
    ]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _load_cases(path: Path, out: TextIO) -> list[Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        print(f"Berkas kasus tidak ditemukan: {path}", file=out)
        return None
    except (OSError, UnicodeDecodeError) as error:
        print(f"Berkas kasus tidak dapat dibaca: {path} ({type(error).__name__})", file=out)
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        print(
            f"Berkas kasus bukan JSON yang sah: {path} (baris {error.lineno}, kolom {error.colno})",
            file=out,
        )
        return None
    cases = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(cases, list):
        print(f'Berkas kasus tidak memuat daftar "cases": {path}', file=out)
        return None
    if not cases:
        print(f"Berkas kasus tidak memuat satu kasus pun: {path}", file=out)
        return None
    return cases


def check_file(path: Path, out: TextIO) -> int:
    """Judge every case of a vectors file; print each failure and ``N passed, N failed``.

    Returns 0 when every case passes, 1 on any failure or when the file cannot be used.
    """
    cases = _load_cases(path, out)
    if cases is None:
        return 1
    passed = failed = 0
    for index, case in enumerate(cases):
        problem: str | None = None
        actual: dict[str, Any] = {}
        expect: Any = case.get("expect") if isinstance(case, dict) else None
        if not isinstance(case, dict) or not isinstance(expect, dict) or not expect:
            problem = 'kasus harus berupa objek dengan "rule", "input" dan "expect"'
        else:
            try:
                actual = evaluate_case(case)
            except CaseFormatError as error:
                problem = str(error)
        if problem is None and not mismatches(expect, actual):
            passed += 1
            continue
        failed += 1
        rule = case.get("rule") if isinstance(case, dict) else None
        print(f"GAGAL kasus #{index} (aturan: {rule})", file=out)
        print(
            f"  input      : {_dump(case.get('input') if isinstance(case, dict) else case)}",
            file=out,
        )
        print(f"  diharapkan : {_dump(expect)}", file=out)
        if problem is not None:
            print(f"  hasil      : tidak dapat dijalankan: {problem}", file=out)
        else:
            shown = {key: actual.get(key, _ABSENT) for key in expect}
            print(f"  hasil      : {_dump(shown)}", file=out)
            print(f"  berbeda    : {', '.join(mismatches(expect, actual))}", file=out)
    print(f"{passed} passed, {failed} failed", file=out)
    return 1 if failed else 0
