"""Seeded generator of large local databases (people with valid NIKs, optional visits).

Bulk inserts go through SQLAlchemy Core (``insert()`` with lists of dicts), as the app's bulk
paths do. The same seed always gives the same rows:
``KADER_APP_KEYRING=off uv run python bench/datagen.py DATA_DIR --people 100000 --seed 1``
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from kader_app.core.database import open_database, write_transaction
from kader_app.core.demo import demo_visit
from kader_app.core.models import OUTBOX_TABLE, PERSON_TABLE, PERSON_VERSION_TABLE, VISIT_TABLE
from kader_app.core.records import (
    VisitHeader,
    complete_sections_text,
    person_payload,
    visit_payload,
)
from screening.rules.nik import parse_nik
from screening.rules.section import RuleSettings, Subject
from screening.rules.visit import checked_evaluation
from sync.protocol import content_hash, payload_json

FIRST_NAMES = [
    "Siti",
    "Ani",
    "Dewi",
    "Sri",
    "Rina",
    "Wati",
    "Yuni",
    "Lestari",
    "Nur",
    "Ratna",
    "Putri",
    "Ayu",
    "Fitri",
    "Indah",
    "Maya",
    "Tuti",
    "Endang",
    "Budi",
    "Agus",
    "Bambang",
    "Joko",
    "Eko",
    "Hadi",
    "Slamet",
    "Ahmad",
    "Muhammad",
    "Rudi",
    "Dedi",
    "Asep",
    "Yusuf",
    "Wahyu",
    "Bayu",
    "Dian",
    "Made",
    "Ketut",
    "Wayan",
    "Nyoman",
    "Komang",
    "Gede",
    "Putu",
    "Ujang",
    "Ucok",
    "Butet",
    "Teguh",
    "Rizki",
    "Fajar",
    "Arif",
    "Andi",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Kusuma",
    "Susanti",
    "Rahayu",
    "Purnama",
    "Hidayat",
    "Saputra",
    "Pratama",
    "Setiawan",
    "Nugroho",
    "Permata",
    "Handayani",
    "Wulandari",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Hutapea",
    "Sembiring",
    "Ginting",
    "Tarigan",
    "Manurung",
    "Pangaribuan",
    "Sinaga",
    "Daulay",
    "Kurniawan",
    "Gunawan",
    "Sari",
    "Utami",
    "Lestari",
    "Aminah",
    "Fauziah",
    "Maharani",
    "Anggraini",
    "Syahputra",
    "Ramadhan",
    "Firmansyah",
    "Hakim",
]
PROVINCES = (
    "11",
    "12",
    "13",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "63",
    "64",
    "71",
    "73",
    "74",
    "81",
    "82",
    "91",
    "94",
)
DESA = ("Sukamaju", "Cibodas", "Sidorejo", "Karanganyar", "Sukajadi", "Mekarsari", "Tanjung")
CHUNK = 5_000


def _nik(rng: random.Random, *, birth_date: date, sex: str, used: set[str]) -> str:
    day = birth_date.day + (40 if sex == "P" else 0)
    middle = f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
    while True:
        region = f"{rng.choice(PROVINCES)}{rng.randint(1, 40):02d}{rng.randint(1, 30):02d}"
        nik = f"{region}{middle}{rng.randint(1, 9999):04d}"
        if nik not in used:
            used.add(nik)
            return nik


def people_rows(*, count: int, seed: int) -> Iterator[dict[str, Any]]:
    """Person rows (valid NIKs for 80 %), the same for the same seed."""
    rng = random.Random(seed)
    used: set[str] = set()
    base = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(count):
        sex = rng.choice("LP")
        birth = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 66))
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.3:
            name = f"{name} {rng.choice(LAST_NAMES)}"
        nik = _nik(rng, birth_date=birth, sex=sex, used=used) if rng.random() < 0.8 else None
        stamp = base + timedelta(minutes=n)
        yield {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "version": 1,
            "name": name,
            "name_norm": " ".join(name.split()).casefold(),
            "sex": sex,
            "birth_date": birth,
            "nik": nik,
            "kk": None,
            "dusun": "",
            "rt": f"{rng.randint(1, 12):03d}",
            "rw": f"{rng.randint(1, 6):03d}",
            "desa": rng.choice(DESA),
            "phone": "",
            "pregnancy_start": None,
            "pregnancy_end": None,
            "mother_id": None,
            "kia_book": False,
            "created_at": stamp,
            "updated_at": stamp,
        }


def visit_templates(*, seed: int, count: int = 200) -> list[dict[str, Any]]:
    """Visit payloads exactly as the app writes them: demo visits through the real rules."""
    rng = random.Random(seed)
    settings = RuleSettings()
    out: list[dict[str, Any]] = []
    on = date(2025, 1, 14)
    while len(out) < count:
        subject = Subject(
            sex=rng.choice(("L", "P")), birth_date=on - timedelta(days=rng.randint(6600, 29000))
        )
        inputs = demo_visit(rng, subject=subject, on=on, risk=rng.random() ** 2, settings=settings)
        if not inputs.sections:
            continue
        evaluation = checked_evaluation(inputs, settings)
        header = VisitHeader(
            id="template",
            visit_key="template",
            version=1,
            replaces_id=None,
            person_id="template",
            measured_at=datetime(2025, 1, 14, 9, tzinfo=UTC),
            place="posyandu",
            recorded_by="Kader",
        )
        payload = visit_payload(header, inputs=inputs, evaluation=evaluation, settings=settings)
        out.append(payload_json(payload))
    return out


def clone_visit(
    template: dict[str, Any], *, visit_id: str, person_id: str, at: datetime
) -> dict[str, Any]:
    """A template visit payload as another person's visit at another time."""
    return {
        **template,
        "id": visit_id,
        "visit_key": visit_id,
        "person_id": person_id,
        "measured_at": at.isoformat(),
        "measured_at_utc": at.astimezone(UTC).isoformat(),
        "measured_on": at.date().isoformat(),
    }


def generate(
    *,
    data_dir: Path,
    people: int,
    seed: int,
    visits_every: int = 3,
    visits_per_person: int = 1,
) -> float:
    """Fill ``data_dir`` (created if needed) with ``people`` people, all outbox rows acked.

    Every ``visits_every``-th person gets ``visits_per_person`` visits (0: none). Returns the
    seconds taken.
    """
    started = time.perf_counter()
    db = open_database(data_dir)
    rng = random.Random(seed + 1)
    templates = visit_templates(seed=seed)
    seq = 0
    try:
        batch: list[dict[str, Any]] = []
        for n, row in enumerate(people_rows(count=people, seed=seed)):
            if row["nik"] is not None:
                assert parse_nik(row["nik"], birth_date=row["birth_date"], sex=row["sex"]).valid
            batch.append(row)
            if len(batch) == CHUNK or n == people - 1:
                seq = _insert_chunk(
                    db.engine,
                    batch,
                    rng=rng,
                    templates=templates,
                    visits_every=visits_every,
                    visits_per_person=visits_per_person,
                    seq=seq,
                    first=n - len(batch) + 1,
                )
                batch = []
    finally:
        db.close()
    return time.perf_counter() - started


def _insert_chunk(
    engine: Any,
    people: list[dict[str, Any]],
    *,
    rng: random.Random,
    templates: list[dict[str, Any]],
    visits_every: int,
    visits_per_person: int,
    seq: int,
    first: int,
) -> int:
    versions, visits, entries = [], [], []
    for offset, person in enumerate(people):
        payload = payload_json(person_payload(person))
        versions.append(
            {
                "person_id": person["id"],
                "version": 1,
                "data": payload,
                "changed_at": person["created_at"],
            }
        )
        seq += 1
        entries.append(
            _acked_entry(
                seq=seq,
                entity="person",
                entity_id=person["id"],
                row_id=person["id"],
                person_id=person["id"],
                payload=payload,
                at=person["created_at"],
            )
        )
        if not visits_every or (first + offset) % visits_every:
            continue
        for _ in range(visits_per_person):
            template = templates[rng.randrange(len(templates))]
            at = person["created_at"] + timedelta(days=rng.randint(0, 300))
            visit_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            visit_json = clone_visit(template, visit_id=visit_id, person_id=person["id"], at=at)
            visit = {
                "id": visit_id,
                "visit_key": visit_id,
                "version": 1,
                "replaces_id": None,
                "is_current": True,
                "person_id": person["id"],
                "measured_at": at.isoformat(),
                "measured_at_utc": at,
                "place": "posyandu",
                "recorded_by": visit_json["recorded_by"],
                "rules_version": visit_json["rules_version"],
                "voided": False,
                "void_reason": None,
                "created_at": at,
                "payload": visit_json,
                "level": visit_json["level"],
                "complete_sections": complete_sections_text(visit_json),
            }
            visits.append(visit)
            seq += 1
            entries.append(
                _acked_entry(
                    seq=seq,
                    entity="visit",
                    entity_id=visit_id,
                    row_id=visit_id,
                    person_id=person["id"],
                    payload=visit_json,
                    at=at,
                )
            )
    with write_transaction(engine) as conn:
        conn.execute(insert(PERSON_TABLE), people)
        conn.execute(insert(PERSON_VERSION_TABLE), versions)
        if visits:
            conn.execute(insert(VISIT_TABLE), visits)
        conn.execute(insert(OUTBOX_TABLE), entries)
    return seq


def _acked_entry(
    *,
    seq: int,
    entity: str,
    entity_id: str,
    row_id: str,
    person_id: str,
    payload: dict[str, Any],
    at: datetime,
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "seq": seq,
        "entity_type": entity,
        "entity_id": entity_id,
        "entity_version": 1,
        "base_version": None,
        "row_id": row_id,
        "person_id": person_id,
        "payload": payload,
        "content_hash": content_hash(payload),
        "state": "acked",
        "attempts": 1,
        "last_error": None,
        "next_attempt_at": None,
        "created_at": at,
        "acked_at": at,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--visits-every", type=int, default=3)
    parser.add_argument("--visits-per-person", type=int, default=1)
    args = parser.parse_args()
    seconds = generate(
        data_dir=args.data_dir,
        people=args.people,
        seed=args.seed,
        visits_every=args.visits_every,
        visits_per_person=args.visits_per_person,
    )
    print(f"{args.people} people in {seconds:.1f} s -> {args.data_dir}")


if __name__ == "__main__":
    main()
