"""The outbox as the sync client sees it: claiming, settling, late acks, crash recovery."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select

from kader_app.core import outbox
from kader_app.core.models import OUTBOX_TABLE
from kader_app.core.register import Register
from screening.rules.section import RuleSettings
from sync.protocol import VisitPayload, payload_json

SETTINGS = RuleSettings()


def states(register: Register) -> list[tuple[str, str, int]]:
    with register.database.engine.connect() as conn:
        rows = conn.execute(
            select(
                OUTBOX_TABLE.c.entity_type, OUTBOX_TABLE.c.state, OUTBOX_TABLE.c.entity_version
            ).order_by(OUTBOX_TABLE.c.seq)
        ).all()
    return [tuple(r) for r in rows]


def ack(*items: outbox.OutboxItem) -> list[outbox.ItemResult]:
    return [
        outbox.ItemResult(id=i.id, content_hash=i.content_hash, status="accepted") for i in items
    ]


def test_payload_is_self_contained_and_hashed(register, make_person_input, make_visit_input):
    pid = register.people.register(make_person_input(name="Wati")).person_id
    register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
    (person_item, visit_item) = register.sync.claim(limit=10)
    assert person_item.type == "person" and person_item.entity_id == pid
    assert (person_item.version, person_item.base_version) == (1, None)
    assert person_item.payload["name"] == "Wati"
    assert visit_item.type == "visit" and visit_item.payload["person_id"] == pid
    payload = visit_item.payload
    assert (payload["type"], payload["schema_version"]) == ("visit", 2)
    assert payload["rules_version"] == "ilp-2026.12" and payload["level"] == "none"
    assert set(payload["sections"]) == {"bmi", "waist", "blood_pressure", "glucose", "tb"}
    tensi = payload["sections"]["blood_pressure"]
    assert tensi["inputs"] == {"readings": [{"systolic": 118, "diastolic": 76}]}
    assert (tensi["state"], tensi["class"], tensi["level"]) == ("complete", "optimal", "none")
    # The payload parses as the wire model and is exactly what the model writes.
    assert payload_json(VisitPayload.model_validate(payload)) == payload
    for item in (person_item, visit_item):
        canonical = json.dumps(
            item.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
        assert item.content_hash == hashlib.sha256(canonical).hexdigest()
        json.dumps(item.payload)  # plain JSON, ready for the wire


def test_claim_marks_in_flight_and_ack_settles(register, make_person_input):
    register.people.register(make_person_input())
    items = register.sync.claim(limit=10)
    assert [i.attempts for i in items] == [1]
    assert states(register) == [("person", "in_flight", 1)]
    assert register.sync.claim(limit=10) == []  # nothing claimed twice
    register.sync.settle(ack(*items))
    assert states(register) == [("person", "acked", 1)]
    assert register.sync.counts().pending == 0


def test_late_ack_for_old_content_never_marks_newer_content(register, make_person_input):
    pid = register.people.register(make_person_input(name="Asih")).person_id
    [v1] = register.sync.claim(limit=10)
    register.people.update(
        person_id=pid, data=make_person_input(name="Asih Lestari"), base_version=1
    )
    # The newer version is held back while version 1 is in flight.
    assert register.sync.claim(limit=10) == []
    # A confused ack that names the new row with the old hash changes nothing.
    with register.database.engine.connect() as conn:
        v2_id = conn.execute(
            select(OUTBOX_TABLE.c.id).where(OUTBOX_TABLE.c.entity_version == 2)
        ).scalar_one()
    register.sync.settle(
        [outbox.ItemResult(id=v2_id, content_hash=v1.content_hash, status="accepted")]
    )
    assert states(register) == [("person", "in_flight", 1), ("person", "pending", 2)]
    register.sync.settle(ack(v1))
    [v2] = register.sync.claim(limit=10)
    assert (v2.version, v2.base_version, v2.payload["name"]) == (2, 1, "Asih Lestari")
    assert v2.content_hash != v1.content_hash
    # A late duplicate ack of version 1 arriving now leaves version 2 in flight.
    register.sync.settle(
        [outbox.ItemResult(id=v1.id, content_hash=v1.content_hash, status="duplicate")]
    )
    assert states(register) == [("person", "acked", 1), ("person", "in_flight", 2)]


def test_rejected_person_blocks_what_depends_on_it(register, make_person_input, make_visit_input):
    a = register.people.register(make_person_input(name="A")).person_id
    b = register.people.register(make_person_input(name="B")).person_id
    register.visits.record(person_id=a, inputs=make_visit_input(), settings=SETTINGS)
    register.visits.record(person_id=b, inputs=make_visit_input(), settings=SETTINGS)
    items = register.sync.claim(limit=10)
    by_entity = {(i.type, i.payload.get("person_id", i.entity_id)): i for i in items}
    rejected = by_entity[("person", a)]
    register.sync.settle(
        [
            outbox.ItemResult(
                id=rejected.id,
                content_hash=rejected.content_hash,
                status="rejected",
                code="invalid_nik",
                message="NIK ditolak",
            ),
            *ack(by_entity[("person", b)], by_entity[("visit", b)]),
        ]
    )
    assert states(register) == [
        ("person", "rejected", 1),
        ("person", "acked", 1),
        ("visit", "blocked", 1),
        ("visit", "acked", 1),
    ]
    counts = register.sync.counts()
    assert (counts.pending, counts.rejected, counts.conflict) == (2, 1, 0)


def test_a_conflict_the_app_cannot_rebase_is_counted_and_kept(register, make_person_input):
    register.people.register(make_person_input())
    [item] = register.sync.claim(limit=10)
    # No server version to build on: only a person can sort it out.
    register.sync.settle(
        [outbox.ItemResult(id=item.id, content_hash=item.content_hash, status="conflict")]
    )
    counts = register.sync.counts()
    assert (counts.pending, counts.rejected, counts.conflict) == (1, 0, 1)
    assert states(register) == [("person", "conflict", 1)]
    assert register.sync.claim(limit=10) == []


def test_in_flight_entries_are_requeued_at_startup(register_dir, make_person_input):
    first = Register.open(register_dir)
    first.people.register(make_person_input())
    first.sync.claim(limit=10)
    first.close()  # as if the app died mid-send
    second = Register.open(register_dir)
    try:
        assert states(second) == [("person", "pending", 1)]
        assert len(second.sync.claim(limit=10)) == 1
    finally:
        second.close()


def test_batch_limit_keeps_order(register, make_person_input):
    names = [f"Warga {n}" for n in range(5)]
    for name in names:
        register.people.register(make_person_input(name=name))
    first = register.sync.claim(limit=3)
    second = register.sync.claim(limit=3)
    assert [i.payload["name"] for i in first + second] == names


def _settle(
    item: outbox.OutboxItem, status: outbox.ResultStatus, **extra: Any
) -> list[outbox.ItemResult]:
    return [outbox.ItemResult(id=item.id, content_hash=item.content_hash, status=status, **extra)]


def test_a_refused_edit_never_stalls_the_residents_later_entries(
    register, make_person_input, make_visit_input
):
    pid = register.people.register(make_person_input(name="Ani")).person_id
    [created] = register.sync.claim(limit=10)
    register.sync.settle(ack(created))
    register.people.update(person_id=pid, data=make_person_input(name="Ani Rahayu"), base_version=1)
    [edit] = register.sync.claim(limit=10)
    register.sync.settle(_settle(edit, "rejected", code="invalid_nik", message="NIK ditolak"))
    # The server has the resident already, so her visits at the next Posyandu still go...
    register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
    register.people.update(person_id=pid, data=make_person_input(name="Ani R."), base_version=2)
    claimed = register.sync.claim(limit=10)
    assert [(i.type, i.version) for i in claimed] == [("visit", 1)]
    register.sync.settle(ack(*claimed))
    # ...while her next edit, built on the refused one, waits visibly instead of silently.
    assert states(register) == [
        ("person", "acked", 1),
        ("person", "rejected", 2),
        ("visit", "acked", 1),
        ("person", "blocked", 3),
    ]
    counts = register.sync.counts()
    assert (counts.pending, counts.rejected, counts.conflict) == (2, 1, 0)
    with register.database.engine.connect() as conn:
        assert outbox.sending_count(conn) == 0


def test_a_conflicting_edit_is_rebased_on_the_servers_version_and_sent_again(
    register, make_person_input, make_visit_input
):
    pid = register.people.register(make_person_input(name="Tuti")).person_id
    [created] = register.sync.claim(limit=10)
    register.sync.settle(ack(created))
    register.people.update(person_id=pid, data=make_person_input(name="Tuti A"), base_version=1)
    [edit] = register.sync.claim(limit=10)
    # Meanwhile: a second edit on this laptop and a visit.
    register.people.update(person_id=pid, data=make_person_input(name="Tuti B"), base_version=2)
    register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
    # Another laptop sent its own version 2 first.
    register.sync.settle(_settle(edit, "conflict", code="conflict", server_version=2))
    assert states(register) == [
        ("person", "acked", 1),
        ("person", "pending", 3),
        ("person", "pending", 4),
        ("visit", "pending", 1),
    ]
    claimed = register.sync.claim(limit=10)
    rebased, visit = claimed
    assert (rebased.version, rebased.base_version) == (3, 2)
    assert (rebased.payload["version"], rebased.payload["name"]) == (3, "Tuti A")
    assert rebased.content_hash == outbox.content_hash(rebased.payload) != edit.content_hash
    assert visit.type == "visit"
    register.sync.settle(ack(*claimed))
    [last] = register.sync.claim(limit=10)
    assert (last.version, last.base_version, last.payload["name"]) == (4, 3, "Tuti B")
    register.sync.settle(ack(last))
    assert register.sync.counts().pending == 0
    # The laptop goes on from the rebased numbers: the next edit is version 5.
    person = register.people.get(pid)
    assert (person.version, person.name) == (4, "Tuti B")
    history = {v["version"]: v["name"] for v in register.people.versions(pid)}
    assert history == {1: "Tuti", 3: "Tuti A", 4: "Tuti B"}
    register.people.update(person_id=pid, data=make_person_input(name="Tuti C"), base_version=4)
    [fifth] = register.sync.claim(limit=10)
    assert (fifth.version, fifth.base_version) == (5, 4)


def test_a_visit_waits_for_its_new_resident_and_goes_once_the_resident_is_acknowledged(
    register, make_person_input, make_visit_input
):
    pid = register.people.register(make_person_input(name="Dewi")).person_id
    [created] = register.sync.claim(limit=10)
    register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
    other = register.people.register(make_person_input(name="Lain")).person_id
    # While the resident is in flight her visit waits; another resident's entry does not.
    claimed = register.sync.claim(limit=10)
    assert [(i.type, i.entity_id) for i in claimed] == [("person", other)]
    register.sync.settle(_settle(created, "rejected", code="invalid_nik"))
    assert register.sync.claim(limit=10) == []
    assert [s for _, s, _ in states(register)] == ["rejected", "blocked", "in_flight"]
    # The server did take her after all (a replayed answer): the visit is queued again.
    register.sync.settle(_settle(created, "duplicate"))
    [visit] = register.sync.claim(limit=10)
    assert (visit.type, visit.payload["person_id"]) == ("visit", pid)


def test_an_edit_the_restored_server_cannot_place_resends_the_lost_versions_first(
    register, make_person_input
):
    pid = register.people.register(make_person_input(rt="001")).person_id
    register.sync.settle(ack(*register.sync.claim(limit=10)))
    register.people.update(person_id=pid, data=make_person_input(rt="002"), base_version=1)
    register.people.update(person_id=pid, data=make_person_input(rt="003"), base_version=2)
    [v2] = register.sync.claim(limit=10)
    # The server was restored from a backup older than version 1: it has nothing to build on.
    register.sync.settle(
        [
            outbox.ItemResult(
                id=v2.id, content_hash=v2.content_hash, status="conflict", server_version=None
            )
        ]
    )
    assert states(register) == [
        ("person", "pending", 1),
        ("person", "pending", 2),
        ("person", "pending", 3),
    ]
    assert register.sync.problems() == []  # nobody is asked to sort this out
    sent = []
    while batch := register.sync.claim(limit=10):
        sent.extend((i.version, i.content_hash) for i in batch)
        register.sync.settle(ack(*batch))
    assert [version for version, _ in sent] == [1, 2, 3]
    assert register.sync.counts().pending == 0
