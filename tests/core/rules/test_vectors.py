"""Every case of the shared vectors.json through the Python API, and ``kader-app check-rules``.

The cases are read from the repository's copy (``tests/fixtures/domain/vectors.json``), never from
``../shared``; ``tests/test_domain_copies.py`` says when the copy is older than ``../shared``'s.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from screening.rules.vectors import check_file, evaluate_case, mismatches

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "fixtures" / "domain" / "vectors.json"


def _load_cases() -> list[Any]:
    if not VECTORS.is_file():
        # One failing placeholder instead of an empty (silently skipped) parametrisation.
        return [pytest.param(None, id="vectors-json-missing")]
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    return [
        pytest.param(case, id=f"{index:03d}-{case['rule']}") for index, case in enumerate(cases)
    ]


@pytest.mark.parametrize("case", _load_cases())
def test_case_from_shared_vectors(case: dict[str, Any] | None) -> None:
    assert case is not None, f"vectors.json not found at {VECTORS}"
    actual = evaluate_case(case)
    expect = case["expect"]
    shown = {key: actual.get(key, "<absent>") for key in expect}
    assert not mismatches(expect, actual), f"expected {expect}, got {shown}"


def test_vectors_file_is_present_and_covers_every_rule() -> None:
    assert VECTORS.is_file(), f"vectors.json not found at {VECTORS}"
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    rules = {case["rule"] for case in cases}
    assert {"blood_pressure", "glucose", "bmi", "waist", "tb", "srq20", "nik"} <= rules


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / ("kader-app.exe" if os.name == "nt" else "kader-app")
    assert script.exists(), "the kader-app entry point is not installed in this environment"
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, cwd=REPO, timeout=120, check=False
    )


def test_cli_passes_every_shared_vector() -> None:
    run = _cli("check-rules", str(VECTORS))
    assert run.returncode == 0, run.stdout + run.stderr
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    assert run.stdout.strip().splitlines()[-1] == f"{len(cases)} passed, 0 failed"


def test_cli_shows_expected_and_actual_for_a_wrong_expectation(tmp_path: Path) -> None:
    cases = [
        {
            "rule": "blood_pressure",
            "input": {"systolic": 119, "diastolic": 79},
            "expect": {"class": "optimal", "level": "none"},
        },
        {
            "rule": "glucose",
            "input": {"value": 140, "kind": "sewaktu", "hypo_symptoms": False},
            "expect": {"class": "normal", "level": "none"},
        },
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    run = _cli("check-rules", str(path))
    assert run.returncode == 1
    lines = run.stdout.strip().splitlines()
    assert lines[-1] == "1 passed, 1 failed"
    report = run.stdout
    assert "#1" in report and "glucose" in report
    assert '"class": "normal"' in report  # what the case expected
    assert '"class": "prediabetes"' in report  # what the rules answered
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "tidak ditemukan"),
        ("{not json", "bukan JSON"),
        ('{"something": []}', "cases"),
        ('{"cases": []}', "satu kasus pun"),
    ],
    ids=["missing", "bad-json", "no-cases-key", "empty"],
)
def test_cli_refuses_an_unusable_file_in_words_not_a_traceback(
    tmp_path: Path, content: str | None, words: str
) -> None:
    path = tmp_path / "cases.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    run = _cli("check-rules", str(path))
    assert run.returncode == 1
    assert words in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_unreadable_path_is_reported(tmp_path: Path) -> None:
    out = io.StringIO()
    assert check_file(tmp_path, out) == 1  # a directory, not a file
    assert "tidak dapat dibaca" in out.getvalue()


def test_a_case_that_cannot_run_counts_as_failed(tmp_path: Path) -> None:
    out = io.StringIO()
    path = tmp_path / "broken-cases.json"
    cases = {
        "cases": [
            {"rule": "no_such_rule", "input": {}, "expect": {"level": "none"}},
            {"rule": "glucose", "input": {}, "expect": {"level": "none"}},
            {"rule": "tb", "input": {}, "expect": {"class": "bukan_terduga"}},
        ]
    }
    path.write_text(json.dumps(cases), encoding="utf-8")
    assert check_file(path, out) == 1
    text = out.getvalue()
    assert text.strip().splitlines()[-1] == "1 passed, 2 failed"
    assert "aturan tidak dikenal" in text
    assert "tidak memuat" in text


def test_comparison_follows_the_rules_document() -> None:
    # warnings and missing are sets; keys not named in expect are ignored; true is not 1.
    assert not mismatches({"warnings": ["a", "b"]}, {"warnings": ["b", "a"], "other": 1})
    assert mismatches({"missing": [20]}, {"missing": [19, 20]}) == ["missing"]
    assert mismatches({"isolated_systolic": True}, {"isolated_systolic": 1}) == [
        "isolated_systolic"
    ]
    assert mismatches({"error": True}, {"class": "normal"}) == ["error"]
    assert not mismatches({"bmi": 24.2}, {"bmi": 24.2})


def test_refused_input_is_an_error_case() -> None:
    assert evaluate_case(
        {"rule": "blood_pressure", "input": {"systolic": 120, "diastolic": 120}}
    ) == {"error": True, "field": "diastolic"}
