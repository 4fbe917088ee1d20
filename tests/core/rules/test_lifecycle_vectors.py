"""Every case of lifecycle_vectors.json through the Python API, and ``kader-app check-rules``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from screening.rules.vectors import evaluate_case, mismatches, rules

REPO = Path(__file__).resolve().parents[3]
RULE_NAMES = {
    "age", "antropometri_balita", "imt_u", "tren_bb", "lila_hamil", "tensi_hamil",
    "tanda_bahaya_hamil", "ttd", "anemia", "tensi_anak", "adl", "skilas", "imunisasi",
    "vitamin_a", "sections",
}  # fmt: skip
"""LIFECYCLE_RULES §j: the rule names a lifecycle vectors file may use."""


def lifecycle_vectors_path() -> Path:
    """The repository's copy when it has one, else the shared domain file beside the repo."""
    copy = REPO / "tests" / "fixtures" / "domain" / "lifecycle_vectors.json"
    if copy.is_file():
        return copy
    return (REPO / ".." / "shared" / "domain" / "lifecycle_vectors.json").resolve()


VECTORS = lifecycle_vectors_path()


def _cases() -> list[Any]:
    if not VECTORS.is_file():
        # One failing placeholder instead of an empty (silently skipped) parametrisation.
        return [pytest.param(None, id="lifecycle-vectors-missing")]
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=f"{i:03d}-{case['rule']}") for i, case in enumerate(cases)]


@pytest.mark.parametrize("case", _cases())
def test_case_from_lifecycle_vectors(case: dict[str, Any] | None) -> None:
    assert case is not None, f"lifecycle_vectors.json not found at {VECTORS}"
    actual = evaluate_case(case)
    expect = case["expect"]
    shown = {key: actual.get(key, "<absent>") for key in expect}
    assert not mismatches(expect, actual), f"expected {expect}, got {shown}"


def test_every_lifecycle_rule_is_answered_and_covered() -> None:
    assert set(rules()) >= RULE_NAMES
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    assert {case["rule"] for case in cases} == RULE_NAMES


def test_refusals_are_judged_by_the_field_they_name() -> None:
    refused = {"rule": "antropometri_balita", "input": {
        "birth_date": "2025-04-23", "date": "2026-05-28", "sex": "L", "length_cm": 300.0,
        "position": "recumbent",
    }}  # fmt: skip
    assert evaluate_case(refused) == {"error": True, "field": "length_cm"}
    assert mismatches({"error": True, "field": "weight_kg"}, evaluate_case(refused)) == ["field"]


def test_sets_and_objects_are_compared_as_the_rules_document_says() -> None:
    assert not mismatches({"flags": ["wfa", "bmi"]}, {"flags": ["bmi", "wfa"]})
    assert not mismatches({"positive_domains": []}, {"positive_domains": []})
    assert mismatches({"antigens": {"bcg": "due"}}, {"antigens": {"bcg": "due", "hb0": "due"}})
    assert mismatches({"wflh_z": None}, {"wflh_z": 0.0}) == ["wflh_z"]


def test_cli_passes_every_lifecycle_vector() -> None:
    script = Path(sys.executable).parent / ("kader-app.exe" if os.name == "nt" else "kader-app")
    run = subprocess.run(
        [str(script), "check-rules", str(VECTORS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    assert run.stdout.strip().splitlines()[-1] == f"{len(cases)} passed, 0 failed", run.stdout
    assert run.returncode == 0
