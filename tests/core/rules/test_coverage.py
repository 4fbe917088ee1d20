"""Sasaran from the register, SPM served / sasaran, and S-K-D-N, as a Puskesmas counts them."""

from __future__ import annotations

from datetime import date

from screening.rules.common import Level
from screening.rules.coverage import (
    GROUPS,
    FollowUpFact,
    Resident,
    Screening,
    groups_of,
    sasaran,
    skdn,
    spm_coverage,
)
from screening.rules.section import SectionResult, SectionState
from screening.words import coverage as words

MARCH = date(2026, 3, 1)


def done(section: str, code: str, **values: object) -> SectionResult:
    return SectionResult(
        section=section, state=SectionState.COMPLETE, code=code, level=Level.NONE, values=values
    )


def test_groups_by_age_and_pregnancy_on_the_date() -> None:
    baby = Resident("b", "L", date(2025, 11, 1))
    assert groups_of(baby, MARCH) == {"bayi", "balita"}
    mother = Resident("m", "P", date(1997, 5, 5), pregnancy_start=date(2026, 1, 10))
    assert groups_of(mother, MARCH) == {"usia_produktif", "ibu_hamil"}
    assert groups_of(mother, date(2026, 12, 1)) == {"usia_produktif"}  # 44 weeks have passed
    assert groups_of(Resident("g", "L", date(1960, 1, 1)), MARCH) == {"lansia"}
    assert groups_of(Resident("t", "P", date(2010, 6, 1)), MARCH) == {
        "anak_usia_sekolah",
        "remaja",
        "usia_produktif",
    }
    assert set(sasaran([baby, mother], MARCH)) == set(GROUPS)


def test_skdn_of_a_month() -> None:
    born = date(2025, 6, 1)
    residents = [
        Resident("a", "L", born, kia_book=True),
        Resident("b", "P", born, kia_book=True),
        Resident("c", "P", born),
        Resident("adult", "P", date(1990, 1, 1)),
    ]
    screenings = [
        Screening(
            "a",
            date(2026, 3, 10),
            {
                "antropometri_balita": done(
                    "antropometri_balita", "bb_normal", weight_kg=8.1, wfa_class="bb_normal"
                ),
                "tren_bb": done("tren_bb", "N"),
            },
        ),
        Screening(
            "b",
            date(2026, 3, 10),
            {
                "antropometri_balita": done(
                    "antropometri_balita",
                    "bb_sangat_kurang",
                    weight_kg=5.0,
                    wfa_class="bb_sangat_kurang",
                ),
                "tren_bb": done("tren_bb", "2T"),
            },
        ),
        Screening("c", date(2026, 2, 10), {"tren_bb": done("tren_bb", "N")}),  # last month
    ]
    found = skdn(residents, screenings, MARCH)
    assert (found.s, found.k, found.d, found.n, found.t, found.two_t, found.bgm) == (
        3,
        2,
        2,
        1,
        1,
        1,
        1,
    )


def test_spm_lines_count_served_of_sasaran_and_say_where_the_target_comes_from() -> None:
    residents = [
        Resident("p1", "L", date(1980, 1, 1)),
        Resident("p2", "P", date(1985, 1, 1)),
        Resident("old", "P", date(1950, 1, 1)),
    ]
    screenings = [
        Screening(
            "p1", date(2026, 1, 20), {"blood_pressure": done("blood_pressure", "hipertensi_1")}
        ),
        Screening("p1", date(2026, 3, 5), {"tb": done("tb", "terduga_tbc")}),
        Screening("old", date(2026, 3, 6), {"glucose": done("glucose", "curiga_diabetes")}),
    ]
    follow_ups = [FollowUpFact("p1", date(2026, 3, 20), "datang")]
    lines = {c.indicator: c for c in spm_coverage(residents, screenings, follow_ups, month=MARCH)}
    assert (lines["usia_produktif_skrining"].served, lines["usia_produktif_skrining"].target) == (
        1,
        2,
    )
    assert (lines["lansia_skrining"].served, lines["lansia_skrining"].target) == (1, 1)
    # Hypertensive since January, not measured again in March: followed 0 of 1.
    assert (lines["hipertensi_dipantau"].served, lines["hipertensi_dipantau"].target) == (0, 1)
    assert (lines["dm_dipantau"].served, lines["dm_dipantau"].target) == (1, 1)
    assert (lines["terduga_tbc_diperiksa"].served, lines["terduga_tbc_diperiksa"].target) == (1, 1)
    estimated = {
        c.indicator: c
        for c in spm_coverage(
            residents, screenings, [], month=MARCH, estimates={"usia_produktif": 40}
        )
    }
    line = estimated["usia_produktif_skrining"]
    assert (line.target, line.source, line.percent) == (40, "estimate", 2.5)


def test_every_group_and_indicator_has_words_in_both_languages() -> None:
    lines = spm_coverage([], [], [], month=MARCH)
    for code in {c.indicator for c in lines}:
        assert words.INDICATORS[code].id and words.INDICATORS[code].en
    for code in {c.group for c in lines} | set(GROUPS):
        assert words.GROUPS[code].id and words.GROUPS[code].en
