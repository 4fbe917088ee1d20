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
from kader_app.core.rules.visit import RuleSettings, VisitInput
from kader_app.settings import AppSettings
from kader_app.sync_link import SyncSetup, build_sync, enroll_device
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
    siti = melati.register_person(siti_input).person_id
    visit = melati.record_visit(
        person_id=siti, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    assert visit is not None
    melati.update_person(
        person_id=siti, data=replace(siti_input, phone="081234567890"), base_version=1
    )
    melati.void_visit(visit_id=visit, reason="salah orang")
    first = sync_a.engine.run_once()
    assert (first.acked, first.rejected) == (4, ())
    assert melati.sync_counts().pending == 0

    budi = mawar.register_person(make_person_input(name="Budi Santoso", sex="L")).person_id
    assert sync_b.engine.run_once().acked == 1
    # Mawar finds Siti by name, at her latest version, with the phone added on Melati.
    [found] = mawar.search_people("siti aminah")
    assert (found.id, found.version, found.phone) == (siti, 2, "081234567890")
    assert mawar.sync_counts().pending == 0

    # Mawar corrects Siti's RT; Melati receives it, and receives Budi.
    [current] = mawar.search_people("siti")
    mawar.update_person(
        person_id=siti, data=replace(siti_input, phone="081234567890", rt="005"), base_version=2
    )
    assert sync_b.engine.run_once().acked == 1
    again = sync_a.engine.run_once()
    # Pulled rows are never pushed back.
    assert again.acked == 0 and again.pulled_people >= 2
    assert melati.get_person(siti).rt == "005" and melati.get_person(siti).version == 3
    assert [p.id for p in melati.search_people("budi santoso")] == [budi]
    assert current.version == 2

    visit_key = melati.get_visit(visit).visit_key
    # One current version of each entry on the server, with every older one kept as history.
    assert _versions(live_server, siti) == [(1, False), (2, False), (3, True)]
    assert _versions(live_server, visit_key) == [(1, False), (2, True)]
    assert _versions(live_server, budi) == [(1, True)]
    # A last round on both sides sends nothing: nothing pulled is queued for sending.
    assert sync_b.engine.run_once().acked == 0
    assert melati.sync_counts().pending == mawar.sync_counts().pending == 0


def test_pull_never_overwrites_a_local_edit_that_is_not_sent(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    make_person_input: Callable[..., PersonInput],
) -> None:
    melati, sync_a = laptop("melati")
    mawar, sync_b = laptop("mawar")
    siti_input = make_person_input(name="Siti Rahma", rt="001")
    siti = melati.register_person(siti_input).person_id
    sync_a.engine.run_once()
    sync_b.engine.run_once()
    assert mawar.get_person(siti).version == 1

    # Melati edits twice, so the pulled version (3) is newer than Mawar's unsent one (2).
    melati.update_person(person_id=siti, data=replace(siti_input, rt="003"), base_version=1)
    melati.update_person(person_id=siti, data=replace(siti_input, rt="004"), base_version=2)
    sync_a.engine.run_once()
    mawar.update_person(person_id=siti, data=replace(siti_input, rt="009"), base_version=1)

    # A pull alone (before Mawar's edit is sent) keeps Mawar's unsent edit.
    answer = sync_b.client.pull(None)
    assert any(p["id"] == siti and p["version"] == 3 for p in answer.people)
    sync_b.store.store_pulled(answer.people, answer.followups)
    assert (mawar.get_person(siti).rt, mawar.get_person(siti).version) == ("009", 2)

    # Sending it meets Melati's version 2: a conflict, kept visible, and still not overwritten.
    summary = sync_b.engine.run_once()
    assert [(r.id, r.status) for r in summary.rejected] == [(siti, "conflict")]
    assert mawar.get_person(siti).rt == "009"
    [problem] = sync_b.store.problems()
    assert (problem.entity_id, problem.state, problem.person_name) == (
        siti,
        "conflict",
        "Siti Rahma",
    )
    assert "diubah dari perangkat lain" in problem.message


def test_follow_up_recorded_at_the_puskesmas_reaches_the_laptop(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    live_server: ServerProcess,
    area: str,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    melati, sync_a = laptop("melati")
    person = melati.register_person(make_person_input(name="Ani Lestari")).person_id
    visit = melati.record_visit(
        person_id=person, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    sync_a.engine.run_once()
    assert melati.follow_ups(person) == []

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
    [follow_up] = melati.follow_ups(person)
    assert follow_up.outcome == "Sudah datang ke Puskesmas/Pustu"
    assert follow_up.visit_id == visit and follow_up.recorded_at.date() == date(2025, 3, 14)
    # Pulling again does not duplicate it.
    sync_a.engine.run_once()
    assert len(melati.follow_ups(person)) == 1
