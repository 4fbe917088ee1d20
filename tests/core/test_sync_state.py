"""Pulled residents and follow-ups in the local store: what is kept, skipped and never re-sent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kader_app.core import sync_state
from kader_app.core.models import PersonInput
from kader_app.core.register import Register


def _pulled(*, name: str, version: int = 1, nik: str | None = None, **extra: Any) -> dict[str, Any]:
    person_id = extra.pop("id", str(uuid.uuid4()))
    payload = {
        "id": person_id,
        "version": version,
        "name": name,
        "sex": "P",
        "birth_date": "1980-05-12",
        "nik": nik,
        "kk": None,
        "dusun": "Krajan",
        "rt": extra.pop("rt", "001"),
        "rw": "002",
        "desa": "Sukamaju",
        "phone": "",
        "created_at": "2025-03-01T01:00:00+00:00",
        "updated_at": "2025-03-01T01:00:00+00:00",
    }
    return {"id": person_id, "version": version, "content_hash": "x", "payload": payload}


def test_pulled_residents_are_searchable_and_never_queued_for_sending(register: Register) -> None:
    people = [_pulled(name=f"Warga Tarikan {i:04d}") for i in range(1200)]
    stored = sync_state.store_pulled(register.database.engine, people=people, followups=[])
    assert stored == 1200
    assert [p.name for p in register.search_people("tarikan 0042")] == ["Warga Tarikan 0042"]
    assert register.sync_counts().pending == 0
    person_id = people[7]["id"]
    assert register.person_versions(person_id)[0]["name"] == "Warga Tarikan 0007"


def test_newer_version_replaces_older_and_an_older_one_is_ignored(register: Register) -> None:
    engine = register.database.engine
    first = _pulled(name="Sri Utami", version=2, rt="001")
    sync_state.store_pulled(engine, people=[first], followups=[])
    newer = _pulled(name="Sri Utami", version=3, rt="007", id=first["id"])
    older = _pulled(name="Sri Utami", version=1, rt="009", id=first["id"])
    assert sync_state.store_pulled(engine, people=[newer], followups=[]) == 1
    assert sync_state.store_pulled(engine, people=[older], followups=[]) == 0
    person = register.get_person(first["id"])
    assert (person.version, person.rt) == (3, "007")


def test_a_local_edit_of_a_pulled_resident_is_sent_and_kept_over_later_pulls(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    engine = register.database.engine
    pulled = _pulled(name="Tuti Handayani", version=1)
    sync_state.store_pulled(engine, people=[pulled], followups=[])
    data = make_person_input(name="Tuti Handayani", nik=None, rt="004")
    register.update_person(person_id=pulled["id"], data=data, base_version=1)
    assert register.sync_counts().pending == 1
    later = _pulled(name="Tuti Handayani", version=3, rt="010", id=pulled["id"])
    assert sync_state.store_pulled(engine, people=[later], followups=[]) == 0
    assert register.get_person(pulled["id"]).rt == "004"
    # Once editing continues, version numbers stay free for the local edits.
    register.update_person(person_id=pulled["id"], data=replace(data, rt="005"), base_version=2)


def test_nik_held_by_another_local_resident_skips_only_that_row(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    local = register.register_person(make_person_input(name="Rina Lokal"))
    nik = register.get_person(local.person_id).nik
    twin = _pulled(name="Rina Dari Laptop Lain", nik=nik)
    other = _pulled(name="Yanti Baru")
    malformed = {"id": str(uuid.uuid4()), "version": 1, "content_hash": "x", "payload": {}}
    stored = sync_state.store_pulled(
        register.database.engine, people=[twin, other, malformed], followups=[]
    )
    assert stored == 1
    assert [p.name for p in register.search_people("rina")] == ["Rina Lokal"]
    assert [p.name for p in register.search_people("yanti")] == ["Yanti Baru"]
