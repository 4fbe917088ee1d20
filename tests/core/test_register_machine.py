"""Any sequence of register/edit/record/correct/void keeps the Register's promises.

One current version per visit, exactly one outbox row per change, history newest first.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import text

from kader_app.core.database import DB_FILENAME, open_database
from kader_app.core.errors import PersonInputError, StaleVersionError
from kader_app.core.keystore import key_file_path
from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import RuleSettings, Subject
from screening.rules.visit import VisitInput

SETTINGS = RuleSettings()
BIRTH = date(1970, 6, 15)
NAMES = st.sampled_from(["Ani", "Budi Santoso", "Citra", "Dewi Sri", "Eko"])
READINGS = st.tuples(st.integers(100, 190), st.integers(60, 105)).filter(lambda r: r[0] > r[1])
MOMENTS = st.integers(0, 400).map(lambda d: datetime(2024, 1, 1, 8, tzinfo=UTC) + timedelta(d))

_template: list[Path] = []


def template_dir() -> Path:
    if not _template:
        root = Path(tempfile.mkdtemp(prefix="kader-machine-template-"))
        open_database(root / "data").close()
        _template.append(root / "data")
    return _template[0]


def visit_input(reading: tuple[int, int], on: date = date(2025, 1, 1)) -> VisitInput:
    return VisitInput(
        subject=Subject(sex="P", birth_date=BIRTH),
        measured_on=on,
        sections={"blood_pressure": BloodPressureInput.of(reading)},
    )


class RegisterMachine(RuleBasedStateMachine):
    people = Bundle("people")
    visits = Bundle("visits")

    @initialize()
    def open_register(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kader-machine-"))
        data = self.root / "data"
        data.mkdir()
        shutil.copy2(template_dir() / DB_FILENAME, data / DB_FILENAME)
        shutil.copy2(key_file_path(template_dir()), key_file_path(data))
        self.register = Register.open(data)
        self.changes = 0
        self.person_version: dict[str, int] = {}
        self.visit_chain: dict[str, list[str]] = {}  # visit_key -> row ids, oldest first
        self.voided: set[str] = set()
        self.visit_date: dict[str, date] = {}  # visit_key -> the date it was measured on
        self.visits_of: dict[str, set[str]] = {}
        self.serial = 0

    def teardown(self) -> None:
        if hasattr(self, "register"):
            self.register.close()
            shutil.rmtree(self.root, ignore_errors=True)

    @rule(target=people, name=NAMES, with_nik=st.booleans())
    def register_person(self, name: str, with_nik: bool) -> str:
        self.serial += 1
        nik = f"3201015506{70:02d}{self.serial:04d}" if with_nik else None
        change = self.register.people.register(
            PersonInput(name=name, sex="P", birth_date=BIRTH, nik=nik)
        )
        self.changes += 1
        self.person_version[change.person_id] = 1
        self.visits_of[change.person_id] = set()
        assert change.pending == self.changes
        return change.person_id

    @rule(person=people, name=NAMES, stale=st.booleans())
    def edit_person(self, person: str, name: str, stale: bool) -> None:
        current = self.person_version[person]
        base = current - 1 if stale else current
        data = PersonInput(name=name, sex="P", birth_date=BIRTH)
        if stale:
            with pytest.raises(StaleVersionError):
                self.register.people.update(person_id=person, data=data, base_version=base)
            return
        self.register.people.update(person_id=person, data=data, base_version=base)
        self.changes += 1
        self.person_version[person] = current + 1
        assert self.register.people.get(person).version == current + 1

    @rule(target=visits, person=people, reading=READINGS, when=MOMENTS)
    def record_visit(self, person: str, reading: tuple[int, int], when: datetime) -> str:
        change = self.register.visits.record(
            person_id=person,
            inputs=visit_input(reading, when.date()),
            settings=SETTINGS,
            measured_at=when,
        )
        self.changes += 1
        assert change.visit_id is not None
        self.visit_chain[change.visit_id] = [change.visit_id]
        self.visit_date[change.visit_id] = when.date()
        self.visits_of[person].add(change.visit_id)
        return change.visit_id

    @rule(key=visits, reading=READINGS, use_old=st.booleans())
    def correct_visit(self, key: str, reading: tuple[int, int], use_old: bool) -> None:
        chain = self.visit_chain[key]
        inputs = visit_input(reading, self.visit_date[key])
        if use_old and len(chain) > 1:
            with pytest.raises(StaleVersionError):
                self.register.visits.correct(visit_id=chain[0], inputs=inputs, settings=SETTINGS)
            return
        if key in self.voided:
            with pytest.raises(PersonInputError):
                self.register.visits.correct(visit_id=chain[-1], inputs=inputs, settings=SETTINGS)
            return
        change = self.register.visits.correct(visit_id=chain[-1], inputs=inputs, settings=SETTINGS)
        self.changes += 1
        assert change.visit_id is not None
        chain.append(change.visit_id)

    @precondition(lambda self: any(k not in self.voided for k in self.visit_chain))
    @rule(key=consumes(visits))
    def void_visit(self, key: str) -> None:
        if key in self.voided:
            return
        change = self.register.visits.void(visit_id=self.visit_chain[key][-1], reason="salah")
        self.changes += 1
        assert change.visit_id is not None
        self.visit_chain[key].append(change.visit_id)
        self.voided.add(key)

    @invariant()
    def one_current_version_per_visit(self) -> None:
        if not hasattr(self, "register"):
            return
        with self.register.database.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT visit_key, sum(is_current), count(*) FROM visit GROUP BY visit_key")
            ).all()
        assert {r[0]: (r[1], r[2]) for r in rows} == {
            k: (1, len(chain)) for k, chain in self.visit_chain.items()
        }

    @invariant()
    def every_change_has_exactly_one_outbox_row(self) -> None:
        if not hasattr(self, "register"):
            return
        with self.register.database.engine.connect() as conn:
            total = conn.execute(text("SELECT count(*) FROM outbox")).scalar()
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM visit v WHERE (SELECT count(*) FROM outbox o "
                    "WHERE o.row_id = v.id AND o.entity_type = 'visit') != 1"
                )
            ).scalar()
            person_versions = conn.execute(
                text(
                    "SELECT count(*) FROM person_version pv WHERE (SELECT count(*) FROM outbox o "
                    "WHERE o.entity_type = 'person' AND o.entity_id = pv.person_id "
                    "AND o.entity_version = pv.version) != 1"
                )
            ).scalar()
        assert total == self.changes == self.register.sync.counts().pending
        assert orphans == 0 and person_versions == 0

    @invariant()
    def history_is_current_versions_newest_first(self) -> None:
        if not hasattr(self, "register"):
            return
        for person, keys in self.visits_of.items():
            history = self.register.visits.history(person)
            assert {v.id for v in history} == {self.visit_chain[k][-1] for k in keys}
            moments = [v.measured_at_utc for v in history]
            assert moments == sorted(moments, reverse=True)
            assert all(v.voided == (v.visit_key in self.voided) for v in history)
        for key, chain in self.visit_chain.items():
            versions = self.register.visits.versions(key)
            assert [v.id for v in versions] == chain
            assert [v.version for v in versions] == list(range(1, len(chain) + 1))
            assert [v.replaces_id for v in versions] == [None, *chain[:-1]]


RegisterMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestRegisterMachine = RegisterMachine.TestCase
