"""Balita growth: WHO tables as published, z-scores, position, refusals and confirmations."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.rules.antropometri_balita import SPEC, AntropometriBalitaInput
from screening.rules.common import Level, Problem
from screening.rules.growth import (
    Lms,
    lms_bmi_2007,
    lms_for_age,
    lms_for_length,
    shown_z,
    z_score,
)
from screening.rules.lila_balita import LilaBalitaInput
from screening.rules.section import RuleSettings, SectionResult, Subject
from screening.rules.visit import VisitInput, evaluate_visit
from screening.words import missing_text, reason_text, refusal_text, result_text

ON = date(2026, 5, 28)
ORDER = {
    "wfa": ["bb_sangat_kurang", "bb_kurang", "bb_normal", "risiko_bb_lebih"],
    "wflh": ["gizi_buruk", "gizi_kurang", "gizi_baik", "berisiko_gizi_lebih", "gizi_lebih",
             "obesitas"],
}  # fmt: skip


def _evaluate(days: int, sex: str = "L", **measured: object) -> SectionResult:
    subject = Subject(sex=sex, birth_date=ON - timedelta(days=days))
    inputs = AntropometriBalitaInput(**measured)  # type: ignore[arg-type]
    evaluation = evaluate_visit(
        VisitInput(subject=subject, measured_on=ON, sections={"antropometri_balita": inputs}),
        RuleSettings(),
    )
    assert not evaluation.errors, evaluation.errors
    return evaluation.sections[0]


def _refusals(days: int, **measured: object) -> list[str]:
    subject = Subject(sex="P", birth_date=ON - timedelta(days=days))
    inputs = AntropometriBalitaInput(**measured)  # type: ignore[arg-type]
    evaluation = evaluate_visit(
        VisitInput(subject=subject, measured_on=ON, sections={"antropometri_balita": inputs}),
        RuleSettings(),
    )
    assert not evaluation.sections
    return [refusal_text(error) for error in evaluation.errors]


@pytest.mark.parametrize(
    ("found", "published"),
    [
        # Rows as WHO's anthro (weianthro, lenanthro, wfhanthro) and anthroplus (bfawho2007)
        # publish them: boys at birth, girls on the last day, the switch to height at day 731.
        (lms_for_age("wfa", "L", 0), (0.3487, 3.3464, 0.14602)),
        (lms_for_age("wfa", "P", 1856), (-0.3531, 18.389, 0.14892)),
        (lms_for_age("lhfa", "L", 730), (1, 87.8018, 0.03479)),
        (lms_for_age("lhfa", "L", 731), (1, 87.1303, 0.03508)),
        (lms_for_length("wfh", "L", Decimal("65.0")), (-0.3521, 7.4327, 0.08217)),
        (lms_bmi_2007("L", 1857 + 0), None),
        (lms_bmi_2007("P", 61 * 487 // 16 + 1), (-0.8886, 15.2441, 0.09692)),
    ],
)
def test_the_tables_read_are_whos_published_rows(
    found: Lms | None, published: tuple[float, float, float] | None
) -> None:
    if published is None:
        assert found is not None and found.m > 0  # day 1857 is month 61.01: interpolated
        return
    assert found is not None
    assert (found.l, found.m, found.s) == pytest.approx(published, abs=1e-3)


def test_the_z_score_is_zero_at_the_median_and_whos_restricted_rule_beyond_three() -> None:
    row = lms_for_age("wfa", "L", 365)
    assert row is not None
    assert shown_z(z_score(row.m, row, restricted=True)) == Decimal("0.00")
    assert shown_z(z_score(row.sd(2), row, restricted=True)) == Decimal("2.00")
    # One SD3–SD2 step above SD3 is z* = 4; the plain LMS formula says otherwise there.
    beyond = row.sd(3) + (row.sd(3) - row.sd(2))
    assert shown_z(z_score(beyond, row, restricted=True)) == Decimal("4.00")
    assert shown_z(z_score(beyond, row, restricted=False)) == Decimal("3.91")
    below = row.sd(-3) - (row.sd(-2) - row.sd(-3))
    assert shown_z(z_score(below, row, restricted=True)) == Decimal("-4.00")


@settings(max_examples=300, deadline=None)
@given(
    days=st.integers(0, 1856),
    sex=st.sampled_from(["L", "P"]),
    weights=st.tuples(st.integers(50, 5000), st.integers(50, 5000)).map(sorted),
    length=st.integers(650, 1100),
)
def test_z_never_falls_as_the_weight_rises(
    days: int, sex: str, weights: list[int], length: int
) -> None:
    position = "recumbent" if days < 731 else "standing"
    light, heavy = (
        _evaluate(days, sex, weight_kg=Decimal(w) / 100, length_cm=Decimal(length) / 10,
                  position=position)
        for w in weights
    )  # fmt: skip
    for index in ("wfa", "wflh", "bmi"):
        low, high = light.values[f"{index}_z"], heavy.values[f"{index}_z"]
        if low is not None and high is not None:
            assert isinstance(low, float) and isinstance(high, float)
            assert high >= low, index
    for index, order in ORDER.items():
        low_class, high_class = light.values[f"{index}_class"], heavy.values[f"{index}_class"]
        if low_class is not None and high_class is not None:
            assert order.index(str(high_class)) >= order.index(str(low_class))


def test_standing_before_two_years_is_the_lying_length_plus_point_seven() -> None:
    standing = _evaluate(730, "P", length_cm=Decimal("85.0"), position="standing")
    lying = _evaluate(730, "P", length_cm=Decimal("85.7"), position="recumbent")
    assert standing.values["lhfa_z"] == lying.values["lhfa_z"] == -0.22
    from_two = _evaluate(731, "P", length_cm=Decimal("85.0"), position="recumbent")
    standing_two = _evaluate(731, "P", length_cm=Decimal("84.3"), position="standing")
    assert from_two.values["lhfa_z"] == standing_two.values["lhfa_z"]


def test_a_position_that_does_not_fit_the_age_is_kept_but_asks_first() -> None:
    result = _evaluate(
        400, weight_kg=Decimal("9.6"), length_cm=Decimal("75.8"), position="standing"
    )
    assert result.values["position_fits"] is False and result.values["confirm"] is True
    words = [reason_text(r) for r in result.reasons]
    assert any("Diukur berdiri sebelum usia 24 bulan" in w for w in words), words
    fits = _evaluate(400, weight_kg=Decimal("9.6"), length_cm=Decimal("76.5"), position="recumbent")
    assert fits.values["confirm"] is False and fits.values["lhfa_z"] == result.values["lhfa_z"]


def test_seven_kilograms_at_four_years_asks_for_confirmation_and_is_not_refused() -> None:
    result = _evaluate(4 * 365, "L", weight_kg=Decimal("7.0"))
    assert result.code == "bb_sangat_kurang" and result.level is Level.REFER
    assert result.values["wfa_z"] == -5.88
    assert result.values["flags"] == []  # inside WHO's flag (−6): plausible, if unlikely
    assert result.values["check_again"] == ["wfa"] and result.values["confirm"] is True
    words = " ".join(reason_text(r) for r in result.reasons)
    assert "pastikan hasil ukur dan angka yang diketik benar" in words
    usual = _evaluate(4 * 365, "L", weight_kg=Decimal("16.0"))
    assert usual.values["check_again"] == [] and usual.values["confirm"] is False


def test_beyond_whos_flag_the_value_is_flagged_to_measure_again() -> None:
    result = _evaluate(900, "L", weight_kg=Decimal("3.5"), length_cm=Decimal("86.0"),
                       position="standing")  # fmt: skip
    assert result.values["flags"] == ["bmi", "wfa", "wflh"]
    assert result.values["confirm"] is True and (result.code, result.level) == (
        "gizi_buruk",
        Level.URGENT,
    )
    english = " ".join(reason_text(r, "en") for r in result.reasons)
    assert "Weight-for-age: z -8.07" in english
    assert "outside WHO's plausible range: check and measure again" in english


def test_impossible_values_are_refused_with_the_plausible_range_in_words() -> None:
    assert _refusals(400, length_cm=Decimal("300.0"), position="recumbent") == [
        "Panjang/tinggi badan (PB/TB) di luar batas wajar (35–130 cm)"
    ]
    assert _refusals(400, weight_kg=Decimal("0.4")) == [
        "Berat badan (BB) di luar batas wajar (0,5–50 kg)"
    ]
    assert _refusals(400, head_cm=Decimal("46.25")) == [
        "Lingkar kepala (LK): paling banyak 1 angka di belakang koma"
    ]
    assert _refusals(400, length_cm=Decimal("75.0"), position="duduk") == [
        "Posisi ukur (terlentang/berdiri): pilihan tidak dikenal"
    ]


def test_a_length_without_its_position_waits_for_it() -> None:
    result = _evaluate(400, weight_kg=Decimal("9.6"), length_cm=Decimal("76.5"))
    assert result.code is None and result.missing == (("position", None),)
    assert missing_text("antropometri_balita", result.missing) == (
        "Belum diisi: Posisi ukur (terlentang/berdiri)"
    )


def test_oedema_is_severe_malnutrition_without_weight_based_z() -> None:
    result = _evaluate(
        700, weight_kg=Decimal("9.0"), length_cm=Decimal("80.0"), position="recumbent",
        oedema=True,
    )  # fmt: skip
    assert (result.code, result.level) == ("gizi_buruk", Level.URGENT)
    assert result.values["wfa_z"] is None and result.values["lhfa_z"] == -2.32
    assert result_text(result) == "Pertumbuhan balita BB 9 kg, PB/TB 80 cm, edema — Gizi buruk"


def test_the_headline_class_is_the_most_severe_index() -> None:
    result = _evaluate(1200, "P", weight_kg=Decimal("20.0"), length_cm=Decimal("93.0"),
                       position="standing")  # fmt: skip
    assert (result.code, result.level) == ("obesitas", Level.REFER)
    assert result_text(result, "en") == "Child growth Weight 20 kg, Length/height 93 cm — Obese"


def test_from_day_1857_the_section_is_not_offered() -> None:
    subject = Subject(sex="L", birth_date=ON - timedelta(days=1857))
    evaluation = evaluate_visit(
        VisitInput(
            subject=subject,
            measured_on=ON,
            sections={"antropometri_balita": AntropometriBalitaInput(weight_kg=Decimal("18"))},
        ),
        RuleSettings(),
    )
    assert [(e.section, e.problem) for e in evaluation.errors] == [
        ("antropometri_balita", Problem.NOT_OFFERED)
    ]
    assert refusal_text(evaluation.errors[0]) == (
        "Pertumbuhan balita tidak diberikan untuk warga ini pada tanggal pemeriksaan"
    )


def test_measures_carry_the_loinc_codes_of_the_rules() -> None:
    lying = AntropometriBalitaInput(
        weight_kg=Decimal("9.6"), length_cm=Decimal("76.5"), position="recumbent",
        head_cm=Decimal("46.0"),
    )  # fmt: skip
    result = _evaluate(400, **lying.model_dump())
    codes = {m.key: m.loinc for m in SPEC.measures(lying, result)}
    assert codes["weight_kg"] == "29463-7"
    assert codes["length_cm"] == "8306-3"
    assert codes["head_cm"] == "9843-4"
    assert codes["wfa_z"] is None  # z-scores are exported, not sent as FHIR codes
    standing = lying.model_copy(update={"position": "standing"})
    assert {m.key: m.loinc for m in SPEC.measures(standing, result)}["height_cm"] == "8302-2"
    from screening.rules.lila_balita import SPEC as LILA

    lila = LilaBalitaInput(lila_cm=Decimal("12.0"))
    assert [m.loinc for m in LILA.measures(lila, result)] == ["56072-2"]
