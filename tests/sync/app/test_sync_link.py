"""The app's outbox adapter against the REAL server process: two laptops of one area, pulls that
respect unsent edits, and a Puskesmas follow-up reaching the resident's record.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from server_process import ServerProcess

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import SyncSetup, build_sync, enroll_device
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput
from sync.protocol import PROTOCOL_VERSION, PushItem, PushRequest
from sync.server import store


@pytest.fixture
def area() -> str:
    # Areas isolate tests sharing the session's server: a device pulls only its own area.
    return f"Desa Uji {uuid.uuid4().hex[:8]}"


@pytest.fixture
def laptop(
    tmp_path: Path, live_server: ServerProcess, area: str
) -> Iterator[Callable[[str], tuple[Register, SyncSetup]]]:
    """`laptop(name)`: a Register in its own data dir, enrolled on the live server."""
    opened: list[tuple[Register, SyncSetup]] = []

    def make(name: str) -> tuple[Register, SyncSetup]:
        register = Register.open(tmp_path / name)
        code = live_server.enroll_code(posyandu=f"Posyandu {name}", area=area)
        enroll_device(register, server_url=live_server.url, code=code, device_name=name)
        setup = build_sync(register, settings=AppSettings())
        assert setup is not None
        opened.append((register, setup))
        return register, setup

    yield make
    for register, setup in opened:
        setup.close()
        register.close()


def _versions(server: ServerProcess, item_id: str) -> list[tuple[int, bool]]:
    with server.session() as session:
        rows = store.entry_versions(session=session, item_id=item_id)
    return [(r["version"], bool(r["is_current"])) for r in rows]


def test_two_laptops_share_residents_edits_and_voids(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    live_server: ServerProcess,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    melati, sync_a = laptop("melati")
    mawar, sync_b = laptop("mawar")

    siti_input = make_person_input(name="Siti Aminah", phone="")
    siti = melati.people.register(siti_input).person_id
    visit = melati.visits.record(
        person_id=siti, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    assert visit is not None
    melati.people.update(
        person_id=siti, data=replace(siti_input, phone="081234567890"), base_version=1
    )
    melati.visits.void(visit_id=visit, reason="salah orang")
    first = sync_a.engine.run_once()
    assert (first.acked, first.rejected) == (4, ())
    assert melati.sync.counts().pending == 0

    budi = mawar.people.register(make_person_input(name="Budi Santoso", sex="L")).person_id
    assert sync_b.engine.run_once().acked == 1
    # Mawar finds Siti by name, at her latest version, with the phone added on Melati.
    [found] = mawar.search.people("siti aminah")
    assert (found.id, found.version, found.phone) == (siti, 2, "081234567890")
    assert mawar.sync.counts().pending == 0

    # Mawar corrects Siti's RT; Melati receives it, and receives Budi.
    [current] = mawar.search.people("siti")
    mawar.people.update(
        person_id=siti, data=replace(siti_input, phone="081234567890", rt="005"), base_version=2
    )
    assert sync_b.engine.run_once().acked == 1
    again = sync_a.engine.run_once()
    # Pulled rows are never pushed back.
    assert again.acked == 0 and again.pulled_people >= 2
    assert melati.people.get(siti).rt == "005" and melati.people.get(siti).version == 3
    assert [p.id for p in melati.search.people("budi santoso")] == [budi]
    assert current.version == 2

    visit_key = melati.visits.get(visit).visit_key
    # One current version of each entry on the server, with every older one kept as history.
    assert _versions(live_server, siti) == [(1, False), (2, False), (3, True)]
    assert _versions(live_server, visit_key) == [(1, False), (2, True)]
    assert _versions(live_server, budi) == [(1, True)]
    # A last round on both sides sends nothing: nothing pulled is queued for sending.
    assert sync_b.engine.run_once().acked == 0
    assert melati.sync.counts().pending == mawar.sync.counts().pending == 0


def test_pull_never_overwrites_a_local_edit_that_is_not_sent(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    make_person_input: Callable[..., PersonInput],
) -> None:
    melati, sync_a = laptop("melati")
    mawar, sync_b = laptop("mawar")
    siti_input = make_person_input(name="Siti Rahma", rt="001")
    siti = melati.people.register(siti_input).person_id
    sync_a.engine.run_once()
    sync_b.engine.run_once()
    assert mawar.people.get(siti).version == 1

    # Melati edits twice, so the pulled version (3) is newer than Mawar's unsent one (2).
    melati.people.update(person_id=siti, data=replace(siti_input, rt="003"), base_version=1)
    melati.people.update(person_id=siti, data=replace(siti_input, rt="004"), base_version=2)
    sync_a.engine.run_once()
    mawar.people.update(person_id=siti, data=replace(siti_input, rt="009"), base_version=1)

    # A pull alone (before Mawar's edit is sent) keeps Mawar's unsent edit.
    answer = sync_b.client.pull(None)
    assert any(p["id"] == siti and p["version"] == 3 for p in answer.people)
    sync_b.store.store_pulled(answer.people, answer.followups)
    assert (mawar.people.get(siti).rt, mawar.people.get(siti).version) == ("009", 2)

    # Sending it meets Melati's version 2: a conflict, rebased on the server's version 3 and sent
    # again in the same round. The last edit wins; the server keeps every version.
    summary = sync_b.engine.run_once()
    assert [(r.id, r.status) for r in summary.rejected] == [(siti, "conflict")]
    assert (mawar.people.get(siti).rt, mawar.people.get(siti).version) == ("009", 4)
    assert sync_b.store.problems() == []
    assert mawar.sync.counts().pending == 0
    sync_a.engine.run_once()
    assert (melati.people.get(siti).rt, melati.people.get(siti).version) == ("009", 4)


def test_two_laptops_editing_one_resident_never_stall_her_later_entries(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    live_server: ServerProcess,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    melati, sync_a = laptop("melati")
    mawar, sync_b = laptop("mawar")
    siti_input = make_person_input(name="Siti Badriah", phone="")
    siti = melati.people.register(siti_input).person_id
    sync_a.engine.run_once()
    sync_b.engine.run_once()

    # Both laptops edit the pulled resident offline; Mawar also measures her twice.
    melati.people.update(person_id=siti, data=replace(siti_input, rt="003"), base_version=1)
    mawar.people.update(person_id=siti, data=replace(siti_input, phone="0812"), base_version=1)
    first = mawar.visits.record(person_id=siti, inputs=make_visit_input(), settings=RuleSettings())
    assert sync_a.engine.run_once().acked == 1
    summary = sync_b.engine.run_once()
    mawar.visits.record(person_id=siti, inputs=make_visit_input(), settings=RuleSettings())
    mawar.people.update(person_id=siti, data=replace(siti_input, phone="0813"), base_version=3)
    summary_2 = sync_b.engine.run_once()

    # Nothing of Siti's is left behind on Mawar's laptop, and nothing needs a person's help.
    assert [r.status for r in summary.rejected] == ["conflict"]
    assert summary.acked == 2 and summary_2.acked == 2 and summary_2.rejected == ()
    assert mawar.sync.counts().pending == 0 and sync_b.store.problems() == []
    assert _versions(live_server, siti) == [(1, False), (2, False), (3, False), (4, True)]
    assert first.visit_id is not None
    assert _versions(live_server, mawar.visits.get(first.visit_id).visit_key) == [(1, True)]
    # Melati receives the last edit (last writer wins for what a resident's record says).
    sync_a.engine.run_once()
    latest = melati.people.get(siti)
    assert (latest.phone, latest.rt, latest.version) == ("0813", siti_input.rt, 4)


def test_a_server_version_pulled_while_an_ack_was_lost_arrives_after_the_retry(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    make_person_input: Callable[..., PersonInput],
) -> None:
    melati, sync_a = laptop("melati")
    mawar, sync_b = laptop("mawar")
    siti_input = make_person_input(name="Siti Khodijah", rt="001")
    siti = melati.people.register(siti_input).person_id
    sync_a.engine.run_once()
    sync_b.engine.run_once()

    # Mawar's edit reaches the server, but the answer is lost: locally it is still unsent.
    mawar.people.update(person_id=siti, data=replace(siti_input, rt="002"), base_version=1)
    sent = sync_b.store.claim_batch(10)
    items = [
        PushItem(
            id=e.id,
            type=e.type,
            version=e.version,
            base_version=e.base_version,
            content_hash=e.content_hash,
            recorded_at=e.recorded_at,
            payload=dict(e.payload),
        )
        for e in sent
    ]
    sync_b.client.push(
        PushRequest(
            batch_id=str(uuid.uuid4()),
            device_id=sync_b.client.device_id or "",
            app_version="uji",
            protocol_version=PROTOCOL_VERSION,
            client_time=datetime.now(UTC),
            items=items,
        )
    )
    sync_b.store.release_in_flight()
    # Melati builds on it and sends version 3.
    sync_a.engine.run_once()
    melati.people.update(person_id=siti, data=replace(siti_input, rt="003"), base_version=2)
    sync_a.engine.run_once()

    # Mawar's pull sees version 3 while its own version 2 waits: the pull moves on without it.
    answer = sync_b.client.pull(sync_b.store.cursor)
    assert [p["version"] for p in answer.people if p["id"] == siti] == [3]
    sync_b.store.store_pulled(answer.people, answer.followups)
    sync_b.store.set_cursor(answer.cursor)
    assert mawar.people.get(siti).rt == "002"
    # The retry is a duplicate (an ack), and Melati's version 3 is then applied.
    summary = sync_b.engine.run_once()
    assert (summary.acked, summary.duplicates) == (1, 1)
    assert (mawar.people.get(siti).rt, mawar.people.get(siti).version) == ("003", 3)


def test_follow_up_recorded_at_the_puskesmas_reaches_the_laptop(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    live_server: ServerProcess,
    area: str,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    melati, sync_a = laptop("melati")
    person = melati.people.register(make_person_input(name="Ani Lestari")).person_id
    visit = melati.visits.record(
        person_id=person, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    sync_a.engine.run_once()
    assert melati.visits.follow_ups(person) == []

    with live_server.session() as session:
        store.add_follow_up(
            session=session,
            area=area,
            outcome="Sudah datang ke Puskesmas/Pustu",
            person_id=person,
            visit_id=visit,
            note="kontrol tensi",
            recorded_at=datetime(2025, 3, 14, 2, 0, tzinfo=UTC),
            now=datetime.now(UTC),
        )
    summary = sync_a.engine.run_once()
    assert summary.pulled_followups == 1
    [follow_up] = melati.visits.follow_ups(person)
    assert follow_up.outcome == "Sudah datang ke Puskesmas/Pustu"
    assert follow_up.visit_id == visit and follow_up.recorded_at.date() == date(2025, 3, 14)
    # Pulling again does not duplicate it.
    sync_a.engine.run_once()
    assert len(melati.visits.follow_ups(person)) == 1
