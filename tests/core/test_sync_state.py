"""Pulled residents and follow-ups in the local store: what is kept, skipped and never re-sent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from kader_app.core import outbox, sync_state
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
    assert [p.name for p in register.search.people("tarikan 0042")] == ["Warga Tarikan 0042"]
    assert register.sync.counts().pending == 0
    person_id = people[7]["id"]
    assert register.people.versions(person_id)[0]["name"] == "Warga Tarikan 0007"


def test_newer_version_replaces_older_and_an_older_one_is_ignored(register: Register) -> None:
    engine = register.database.engine
    first = _pulled(name="Sri Utami", version=2, rt="001")
    sync_state.store_pulled(engine, people=[first], followups=[])
    newer = _pulled(name="Sri Utami", version=3, rt="007", id=first["id"])
    older = _pulled(name="Sri Utami", version=1, rt="009", id=first["id"])
    assert sync_state.store_pulled(engine, people=[newer], followups=[]) == 1
    assert sync_state.store_pulled(engine, people=[older], followups=[]) == 0
    person = register.people.get(first["id"])
    assert (person.version, person.rt) == (3, "007")


def test_a_local_edit_of_a_pulled_resident_is_sent_and_kept_over_later_pulls(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    engine = register.database.engine
    pulled = _pulled(name="Tuti Handayani", version=1)
    sync_state.store_pulled(engine, people=[pulled], followups=[])
    data = make_person_input(name="Tuti Handayani", nik=None, rt="004")
    register.people.update(person_id=pulled["id"], data=data, base_version=1)
    assert register.sync.counts().pending == 1
    later = _pulled(name="Tuti Handayani", version=3, rt="010", id=pulled["id"])
    assert sync_state.store_pulled(engine, people=[later], followups=[]) == 0
    assert register.people.get(pulled["id"]).rt == "004"
    # Once editing continues, version numbers stay free for the local edits.
    register.people.update(person_id=pulled["id"], data=replace(data, rt="005"), base_version=2)


def test_nik_held_by_another_local_resident_skips_only_that_row(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    local = register.people.register(make_person_input(name="Rina Lokal"))
    nik = register.people.get(local.person_id).nik
    twin = _pulled(name="Rina Dari Laptop Lain", nik=nik)
    other = _pulled(name="Yanti Baru")
    malformed = {"id": str(uuid.uuid4()), "version": 1, "content_hash": "x", "payload": {}}
    stored = sync_state.store_pulled(
        register.database.engine, people=[twin, other, malformed], followups=[]
    )
    assert stored == 1
    assert [p.name for p in register.search.people("rina")] == ["Rina Lokal"]
    assert [p.name for p in register.search.people("yanti")] == ["Yanti Baru"]


def _ack_everything(register: Register) -> None:
    items = register.sync.claim(limit=100)
    register.sync.settle(
        [outbox.ItemResult(id=i.id, content_hash=i.content_hash, status="accepted") for i in items]
    )


def test_a_server_version_held_back_by_an_unsent_edit_arrives_once_the_edit_is_acknowledged(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    engine = register.database.engine
    pulled = _pulled(name="Tuti Handayani", version=1)
    sync_state.store_pulled(engine, people=[pulled], followups=[])
    data = make_person_input(name="Tuti Handayani", nik=None, rt="004")
    register.people.update(person_id=pulled["id"], data=data, base_version=1)
    # The server built version 3 on this laptop's version 2, whose ack was lost on the way.
    later = _pulled(name="Tuti Handayani", version=3, rt="010", id=pulled["id"])
    assert sync_state.store_pulled(engine, people=[later], followups=[]) == 0
    assert sync_state.store_held_pulls(engine) == 0
    assert register.people.get(pulled["id"]).rt == "004"
    # The cursor has moved on; the next push acknowledges the edit and version 3 is stored
    # as part of settling it.
    _ack_everything(register)
    assert sync_state.store_held_pulls(engine) == 0
    person = register.people.get(pulled["id"])
    assert (person.version, person.rt) == (3, "010")
    assert register.sync.counts().pending == 0
    assert sync_state.store_held_pulls(engine) == 0


def test_a_held_server_version_is_dropped_when_the_local_edit_is_rebased_above_it(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    engine = register.database.engine
    pulled = _pulled(name="Sri Wahyuni", version=1)
    sync_state.store_pulled(engine, people=[pulled], followups=[])
    data = make_person_input(name="Sri Wahyuni", nik=None, rt="004")
    register.people.update(person_id=pulled["id"], data=data, base_version=1)
    held = _pulled(name="Sri Wahyuni", version=3, rt="009", id=pulled["id"])
    assert sync_state.store_pulled(engine, people=[held], followups=[]) == 0
    # The edit meets version 3 on the server: rebased to 4, the last edit wins.
    [edit] = register.sync.claim(limit=10)
    register.sync.settle(
        [
            outbox.ItemResult(
                id=edit.id, content_hash=edit.content_hash, status="conflict", server_version=3
            )
        ]
    )
    _ack_everything(register)
    assert sync_state.store_held_pulls(engine) == 0
    person = register.people.get(pulled["id"])
    assert (person.version, person.rt) == (4, "004")


def test_a_resident_held_by_a_nik_collision_arrives_once_the_nik_is_free(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    engine = register.database.engine
    local_input = make_person_input(name="Rina Lokal")
    local = register.people.register(local_input).person_id
    nik = register.people.get(local).nik
    twin = _pulled(name="Rina Dari Laptop Lain", nik=nik)
    assert sync_state.store_pulled(engine, people=[twin], followups=[]) == 0
    # The kader corrects the NIK typed on this laptop; the other resident can now be stored.
    register.people.update(person_id=local, data=replace(local_input, nik=None), base_version=1)
    assert sync_state.store_held_pulls(engine) == 1
    assert register.people.get(twin["id"]).nik == nik


def test_enrolling_on_another_server_forgets_what_the_old_one_sent(
    register: Register, make_person_input: Callable[..., PersonInput]
) -> None:
    engine = register.database.engine
    local_input = make_person_input(name="Rina Lokal")
    local = register.people.register(local_input).person_id
    twin = _pulled(name="Rina Lain", nik=register.people.get(local).nik)
    sync_state.store_pulled(engine, people=[twin], followups=[])
    sync_state.save_credentials(
        engine, sync_state.SyncCredentials(server_url="https://lain", device_id="d", token="t")
    )
    register.people.update(person_id=local, data=replace(local_input, nik=None), base_version=1)
    assert sync_state.store_held_pulls(engine) == 0
    assert [p.name for p in register.search.people("rina")] == ["Rina Lokal"]


def test_a_pulled_resident_reads_back_exactly_as_the_server_sent_it(register: Register) -> None:
    mother = _pulled(name="Ibu Tarikan")
    baby = _pulled(name="Bayi Tarikan")
    baby["payload"].update(birth_date="2026-10-01", mother_id=mother["id"], kia_book=True, nik=None)
    mother["payload"].update(pregnancy_start="2026-02-01", pregnancy_end="2026-10-01")
    assert (
        sync_state.store_pulled(register.database.engine, people=[mother, baby], followups=[]) == 2
    )
    got_mother = register.people.get(mother["id"])
    got_baby = register.people.get(baby["id"])
    assert (got_mother.pregnancy_start, got_mother.pregnancy_end) == (
        date(2026, 2, 1),
        date(2026, 10, 1),
    )
    assert (got_baby.mother_id, got_baby.kia_book, got_baby.birth_date) == (
        mother["id"],
        True,
        date(2026, 10, 1),
    )
    assert got_baby.created_at == datetime(2025, 3, 1, 1, 0, tzinfo=UTC)
    assert register.people.children(mother["id"])[0].id == baby["id"]
    [version] = register.people.versions(baby["id"])
    assert version["mother_id"] == mother["id"]
