"""Seed two Posyandu of one desa for the coverage page, through the real enrol and push APIs.

Test support only; March 2026 (WIB) is counted by hand in `seed_coverage`'s docstring.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from dashboard_site import enroll_in
from payloads import HIPERTENSI_1, OPTIMAL, item, person_payload, visit_payload
from server_api import push
from server_process import EnrolledDevice, ServerProcess

from screening.rules.antropometri_balita import AntropometriBalitaInput
from screening.rules.section import InputModel, Subject
from screening.rules.tren_bb import TrenBbInput, Weighing

WIB = timezone(timedelta(hours=7))
CHILD_BORN = date(2025, 6, 15)


@dataclass
class CoverageSite:
    puskesmas: str
    area: str
    mawar: EnrolledDevice
    melati: EnrolledDevice
    people: dict[str, str]


def weighing(
    person_id: str, sex: str, day: date, kg: str, earlier: tuple[tuple[date, str], ...] = ()
) -> dict[str, Any]:
    sections: dict[str, InputModel] = {
        "antropometri_balita": AntropometriBalitaInput(weight_kg=Decimal(kg)),
        "tren_bb": TrenBbInput(
            earlier=tuple(Weighing(on=on, weight_kg=Decimal(w)) for on, w in earlier)
        ),
    }
    return visit_payload(
        person_id=person_id,
        measured_at=datetime(day.year, day.month, day.day, 9, tzinfo=WIB),
        sections=sections,
        subject=Subject(sex=sex, birth_date=CHILD_BORN),
    )


def seed_coverage(
    server: ServerProcess, *, area: str | None = None, puskesmas: str | None = None
) -> CoverageSite:
    """One desa of one Puskesmas; March 2026, by hand:

    Mawar: balita Adi (Buku KIA) 7.0 kg in Feb → 7.9 in Mar (N), Bela 4.6 kg in Mar only (B,
    BGM), Cici not weighed: S 3, K 1, D 2, N 1, BGM 1, D/S 66,7%, N/D 50,0%. Sri (1975,
    hipertensi in Jan, tensi again in Mar) and Rina (pregnant since Jan, not seen): usia
    produktif 1/2, ibu hamil 0/1, hipertensi followed 1/1. Lansia Budi, not screened: 0/1.
    Melati: Dewi (1975), not screened: usia produktif 0/1. ``area`` and ``puskesmas`` are
    unique names unless given (an area belongs to one Puskesmas only).
    """
    tag = uuid.uuid4().hex[:6]
    puskesmas = puskesmas or f"Puskesmas {tag}"
    area = area or f"Desa {tag}"
    mawar = enroll_in(server, puskesmas=puskesmas, posyandu="Posyandu Mawar", area=area)
    melati = enroll_in(server, puskesmas=puskesmas, posyandu="Posyandu Melati", area=area)
    names = ("Adi", "Bela", "Cici", "Sri", "Rina", "Budi", "Dewi")
    people = {name: str(uuid.uuid4()) for name in names}
    created = datetime(2025, 12, 1, 8, tzinfo=UTC)

    def person(name: str, sex: str, born: date, **more: Any) -> dict[str, Any]:
        payload = person_payload(
            person_id=people[name], name=name, sex=sex, birth_date=born, created_at=created
        )
        payload.update(more)
        return item(payload)

    def adult_visit(name: str, sex: str, born: date, day: date, reading: Any) -> dict[str, Any]:
        return item(
            visit_payload(
                person_id=people[name],
                measured_at=datetime(day.year, day.month, day.day, 9, tzinfo=WIB),
                sections={"blood_pressure": reading},
                subject=Subject(sex=sex, birth_date=born),
            )
        )

    adult = date(1975, 8, 17)
    answers = [
        push(
            mawar,
            [
                person("Adi", "L", CHILD_BORN, kia_book=True),
                person("Bela", "P", CHILD_BORN),
                person("Cici", "P", CHILD_BORN),
                person("Sri", "P", adult),
                person("Rina", "P", date(1996, 4, 4), pregnancy_start="2026-01-05"),
                person("Budi", "L", date(1950, 9, 9)),
                item(weighing(people["Adi"], "L", date(2026, 2, 10), "7.0")),
                item(
                    weighing(
                        people["Adi"], "L", date(2026, 3, 10), "7.9", ((date(2026, 2, 10), "7.0"),)
                    )
                ),
                item(weighing(people["Bela"], "P", date(2026, 3, 10), "4.6")),
                adult_visit("Sri", "P", adult, date(2026, 1, 12), HIPERTENSI_1),
                adult_visit("Sri", "P", adult, date(2026, 3, 5), OPTIMAL),
            ],
        ),
        push(melati, [person("Dewi", "P", adult)]),
    ]
    assert all(r["status"] == "accepted" for a in answers for r in a["results"]), answers
    return CoverageSite(puskesmas=puskesmas, area=area, mawar=mawar, melati=melati, people=people)
