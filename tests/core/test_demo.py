from __future__ import annotations

from datetime import date

from kader_app.core.demo import seed_demo
from kader_app.core.register import Register
from screening.rules.nik import parse_nik


def test_demo_seeds_300_residents_of_every_stage_with_visits_across_classes(
    register: Register,
) -> None:
    progress: list[tuple[int, int]] = []
    summary = seed_demo(
        register, today=date(2024, 8, 20), progress=lambda d, t: progress.append((d, t))
    )
    assert summary.people == 300
    assert progress[-1] == (300, 300)
    people = register.search.people("", limit=1000)
    assert len(people) == 300
    with_nik = [p for p in people if p.nik is not None]
    assert len({p.nik for p in with_nik}) == len(with_nik) >= 290  # young babies have none yet
    for person in with_nik:
        assert person.nik is not None
        result = parse_nik(person.nik, birth_date=person.birth_date, sex=person.sex)  # type: ignore[arg-type]
        assert result.valid, person.id
        assert not result.warnings
    assert sum(1 for p in people if p.mother_id) >= 30  # balita registered from their mothers
    assert sum(1 for p in people if p.pregnancy_start) >= 10

    seen: dict[str, set[str]] = {}
    levels: set[str] = set()
    visits = 0
    for person in people:
        for visit in register.visits.history(person.id):
            visits += 1
            levels.add(visit.evaluation.level)
            for section in visit.evaluation.sections:
                seen.setdefault(section.section, set()).add(section.code)
    assert visits > 300 * 5
    assert levels == {"none", "monitor", "refer", "urgent"}
    assert {"optimal", "normal", "normal_tinggi", "hipertensi_1", "hipertensi_2"} <= seen[
        "blood_pressure"
    ]
    assert {"normal", "prediabetes", "curiga_diabetes"} <= seen["glucose"]
    assert {"normal", "berisiko", "obesitas_1"} <= seen["bmi"]
    assert {"bukan_terduga", "terduga_tbc"} <= seen["tb"]
    assert {"normal", "berpotensi_masalah_jiwa"} <= seen["srq20"]
    # Every life-cycle group comes to the Posyandu: babies weighed month after month, ...
    assert {"N", "T", "B"} <= seen["tren_bb"]
    assert {"complete", "overdue"} <= seen["imunisasi"]
    assert {"normal", "kek"} <= seen["lila_hamil"]
    assert seen["imt_u"] and seen["tensi_anak"] and seen["adl"] and seen["skilas"]


def test_demo_is_the_same_every_time(register: Register, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_demo(register, today=date(2024, 8, 20), count=5, months=2)
    other = Register.open(tmp_path / "other")
    try:
        seed_demo(other, today=date(2024, 8, 20), count=5, months=2)
        names = sorted((p.name, p.nik) for p in register.search.people("", limit=10))
        assert names == sorted((p.name, p.nik) for p in other.search.people("", limit=10))
    finally:
        other.close()


def test_interrupted_demo_seeding_resumes_without_duplicates(register: Register) -> None:
    seed_demo(register, today=date(2024, 8, 20), count=4, months=2)
    summary = seed_demo(register, today=date(2024, 8, 20), count=6, months=2)
    people = register.search.people("", limit=50)
    assert len(people) == 6
    assert len({p.nik for p in people}) == 6
    assert summary.visits <= 2 * 2
