"""A kader at work between sync attempts, and the laptop's outbox as stored: test support shared
by the fault campaigns (network and flash-drive). Test-only; it never reads health data back.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from kader_app.core.database import read_connection
from kader_app.core.models import OUTBOX_TABLE, PersonInput
from kader_app.core.register import Register
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.glucose import GlucoseInput
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput

OUTBOX = OUTBOX_TABLE
PersonFactory = Callable[..., PersonInput]
VisitFactory = Callable[..., VisitInput]


@dataclass
class Resident:
    data: PersonInput
    version: int


class Kader:
    """Works the register between sync attempts: registers, edits, screens, corrects and voids."""

    def __init__(
        self, *, rng: random.Random, make_person: PersonFactory, make_visit: VisitFactory
    ) -> None:
        self.rng = rng
        self.make_person = make_person
        self.make_visit = make_visit
        self.people: dict[str, Resident] = {}
        # visit_key -> id of its current version; voided visits are neither corrected nor voided.
        self.visits: dict[str, str] = {}
        self.visit_owner: dict[str, str] = {}
        self.visit_day: dict[str, date] = {}
        self.voided: set[str] = set()
        self.made: Counter[str] = Counter()

    def work(self, register: Register) -> None:
        for _ in range(self.rng.randint(0, 4)):
            roll = self.rng.random()
            open_visits = [k for k in self.visits if k not in self.voided]
            if roll < 0.3 or not self.people:
                self._register(register)
            elif roll < 0.45:
                self._edit(register)
            elif roll < 0.85 or not open_visits:
                self._screen(register)
            elif roll < 0.93:
                self._correct(register, self.rng.choice(open_visits))
            else:
                self._void(register, self.rng.choice(open_visits))

    def _register(self, register: Register) -> None:
        rng = self.rng
        born = date(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))
        overrides: dict[str, Any] = {
            "name": f"Warga {len(self.people) + 1}",
            "sex": rng.choice("LP"),
            "birth_date": born,
            "rt": f"00{rng.randint(1, 9)}",
        }
        if rng.random() < 0.2:
            overrides["nik"] = None
        data = self.make_person(**overrides)
        person_id = register.people.register(data).person_id
        self.people[person_id] = Resident(data=data, version=1)
        self.made["person"] += 1

    def _edit(self, register: Register) -> None:
        person_id = self.rng.choice(list(self.people))
        resident = self.people[person_id]
        data = replace(resident.data, phone=f"08{self.rng.randrange(10**9, 10**10)}")
        register.people.update(person_id=person_id, data=data, base_version=resident.version)
        self.people[person_id] = Resident(data=data, version=resident.version + 1)
        self.made["person_edit"] += 1

    def _inputs(self, person_id: str, on: date | None = None) -> VisitInput:
        data = self.people[person_id].data
        systolic = self.rng.randint(95, 185)
        return self.make_visit(
            sex=data.sex,
            birth_date=data.birth_date,
            measured_on=on or date(2025, 3, self.rng.randint(1, 28)),
            blood_pressure=BloodPressureInput.of(
                (systolic, self.rng.randint(60, min(110, systolic - 20)))
            ),
            glucose=GlucoseInput(value=str(self.rng.randint(70, 300)), kind="sewaktu"),
        )

    def _screen(self, register: Register) -> None:
        person_id = self.rng.choice(list(self.people))
        inputs = self._inputs(person_id)
        change = register.visits.record(person_id=person_id, inputs=inputs, settings=RuleSettings())
        assert change.visit_id is not None
        self.visits[change.visit_id] = change.visit_id
        self.visit_day[change.visit_id] = inputs.measured_on
        self.visit_owner[change.visit_id] = person_id
        self.made["visit"] += 1

    def _correct(self, register: Register, key: str) -> None:
        change = register.visits.correct(
            visit_id=self.visits[key],
            # A correction keeps the visit's date.
            inputs=self._inputs(self.visit_owner[key], self.visit_day[key]),
            settings=RuleSettings(),
        )
        assert change.visit_id is not None
        self.visits[key] = change.visit_id
        self.made["visit_correction"] += 1

    def _void(self, register: Register, key: str) -> None:
        change = register.visits.void(visit_id=self.visits[key], reason="salah orang")
        assert change.visit_id is not None
        self.visits[key] = change.visit_id
        self.voided.add(key)
        self.made["visit_void"] += 1


def outbox_rows(register: Register) -> list[tuple[str, int, str, str]]:
    """(record id, version, content hash, state) of every outbox row, as stored on the laptop."""
    with read_connection(register.database.engine) as conn:
        rows = conn.execute(
            select(
                OUTBOX.c.entity_id, OUTBOX.c.entity_version, OUTBOX.c.content_hash, OUTBOX.c.state
            )
        ).all()
    return [(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]
