"""A Posyandu register for the coverage tests, built through the Register API (March 2026)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from kader_app.core.register import Register
from screening.rules.antropometri_balita import AntropometriBalitaInput
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput

WIB = timezone(timedelta(hours=7))
MARCH = date(2026, 3, 1)
SETTINGS = RuleSettings()


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=WIB)


def weigh(register: Register, person_id: str, day: date, kg: str) -> None:
    """A balita visit the way the form saves one: carried inputs, then today's weight."""
    start = register.visits.start(person_id=person_id, on=day, settings=SETTINGS)
    sections = dict(start.sections)
    sections["antropometri_balita"] = AntropometriBalitaInput(weight_kg=Decimal(kg))
    inputs = VisitInput(subject=start.subject, measured_on=day, sections=sections)
    register.visits.record(
        person_id=person_id, inputs=inputs, settings=SETTINGS, measured_at=at(day)
    )


def seed_posyandu(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> Register:
    """By hand, for March 2026:

    - four balita (born mid 2025): Adi (Buku KIA) 7.0 → 7.9 kg (N); Bela (Buku KIA) 7.0 → 7.1
      (T); Cici 4.6 kg on 10 Mar only (B, under the red line); Dodi not weighed.
      S 4, K 2, D 3, N 1, T 1, BGM 1, B 1.
    - usia produktif: Sri (hipertensi in January, tensi again on 5 Mar), Rina (pregnant since
      January; no visit), Joko (no visit): 1 of 3 screened this year; hipertensi 1 of 1.
    - lansia: Budi (screened in February), Siti (no visit): 1 of 2.
    """

    def person(name: str, sex: str, born: date, **more: Any) -> str:
        made = make_person_input(name=name, sex=sex, birth_date=born, **more)
        return register.people.register(made).person_id

    child_born = date(2025, 6, 15)
    adi = person("Adi", "L", child_born, kia_book=True)
    bela = person("Bela", "P", child_born, kia_book=True)
    cici = person("Cici", "P", child_born)
    person("Dodi", "L", child_born)
    weigh(register, adi, date(2026, 2, 10), "7.0")
    weigh(register, adi, date(2026, 3, 10), "7.9")
    weigh(register, bela, date(2026, 2, 10), "7.0")
    weigh(register, bela, date(2026, 3, 10), "7.1")
    weigh(register, cici, date(2026, 3, 10), "4.6")

    sri_born = date(1975, 8, 17)
    sri = person("Sri", "P", sri_born)
    for day, reading in ((date(2026, 1, 12), (150, 95)), (date(2026, 3, 5), (138, 88))):
        register.visits.record(
            person_id=sri,
            inputs=make_visit_input(
                sex="P",
                birth_date=sri_born,
                measured_on=day,
                blood_pressure=BloodPressureInput.of(reading),
            ),
            settings=SETTINGS,
            measured_at=at(day),
        )
    person("Rina", "P", date(1996, 4, 4), pregnancy_start=date(2026, 1, 5))
    person("Joko", "L", date(1988, 1, 1))
    budi_born = date(1950, 9, 9)
    budi = person("Budi", "L", budi_born)
    register.visits.record(
        person_id=budi,
        inputs=make_visit_input(sex="L", birth_date=budi_born, measured_on=date(2026, 2, 3)),
        settings=SETTINGS,
        measured_at=at(date(2026, 2, 3)),
    )
    person("Siti", "P", date(1955, 5, 5))
    return register
