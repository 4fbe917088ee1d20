"""Schema 8: a register of the previous release keeps finding its residents, old and new.

The register is taken back to schema 7 (the search index's insert trigger as it was); opening it
again changes only that trigger: the residents registered before are found as before, one
registered after is found too, and so is a resident a pull brings, beside them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from kader_app.core import sync_state
from kader_app.core.database import SCHEMA_HEAD
from kader_app.core.models import PersonInput
from kader_app.core.register import Register

_SCHEMA_7_TRIGGER = """CREATE TRIGGER person_search_ai AFTER INSERT ON person BEGIN
        INSERT INTO person_search (name_norm, nik) VALUES (NEW.name_norm, coalesce(NEW.nik, ''));
        UPDATE person SET sid = last_insert_rowid() WHERE id = NEW.id;
    END"""


def _to_schema_7(register: Register) -> None:
    with register.database.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER person_search_ai")
        conn.exec_driver_sql(_SCHEMA_7_TRIGGER)
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0007_sasaran_estimates'")


def _ids(register: Register, text: str) -> set[str]:
    return {p.id for p in register.search.people(text)}


def test_residents_before_and_after_the_upgrade_are_found(
    register_dir: Path, make_person_input: Callable[..., PersonInput]
) -> None:
    register = Register.open(register_dir, device_id="test-device")
    before = make_person_input(name="Sumarni Lestari")
    before_id = register.people.register(before).person_id
    _to_schema_7(register)
    register.close()

    register = Register.open(register_dir, device_id="test-device")
    try:
        with register.database.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision == SCHEMA_HEAD
        after = make_person_input(name="Sumiati Lestari")
        after_id = register.people.register(after).person_id
        pulled_id = str(uuid.uuid4())
        payload = {
            "id": pulled_id,
            "version": 1,
            "name": "Sumirah Lestari",
            "sex": "P",
            "birth_date": "1981-02-03",
            "created_at": "2025-03-01T01:00:00+00:00",
            "updated_at": "2025-03-01T01:00:00+00:00",
        }
        pulled = {"id": pulled_id, "version": 1, "content_hash": "x", "payload": payload}
        engine = register.database.engine
        assert sync_state.store_pulled(engine, people=[pulled], followups=[]) == 1
        assert _ids(register, "lestari") == {before_id, after_id, pulled_id}
        assert _ids(register, "sumarni") == {before_id}
        assert _ids(register, "sumia") == {after_id}
        assert _ids(register, "sumir") == {pulled_id}
        assert before.nik is not None and after.nik is not None
        assert _ids(register, before.nik) == {before_id}
        assert _ids(register, after.nik) == {after_id}
    finally:
        register.close()
