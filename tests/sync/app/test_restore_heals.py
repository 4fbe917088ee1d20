"""A server restored from an older backup under a running laptop: healed within one sync cycle.

The real Register and engine against the real server process. The server's database goes back
to a backup taken before the laptop's last entries; the engine (the same instance, which has
reconciled recently and would not do so again for a day) sees the new database id in the next
answer, reconciles at once, sends again what the server lost, and an edit made on a base the
server no longer has is placed too: nothing pending, nothing for a person to sort out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from killable_server import KillableServer

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import SyncSetup, build_sync, enroll_device
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput


@pytest.fixture
def laptop(tmp_path: Path, killable_server: KillableServer) -> Iterator[tuple[Register, SyncSetup]]:
    register = Register.open(tmp_path / "laptop")
    code = killable_server.enroll_code(posyandu="Posyandu Melati", area="Desa Restorasi")
    enroll_device(register, server_url=killable_server.url, code=code, device_name="melati")
    setup = build_sync(register, settings=AppSettings())
    assert setup is not None
    yield register, setup
    setup.close()
    register.close()


def _server_rows(server: KillableServer) -> set[tuple[str, int]]:
    return {(item_id, version) for item_id, version, _ in server.entries()}


def _device_audit(server: KillableServer) -> tuple[int, int | None]:
    db = sqlite3.connect(f"file:{server.db_path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT audit_seq, audit_break_seq FROM device").fetchone()
    finally:
        db.close()
    return int(row[0]), row[1]


def test_a_restored_server_gets_everything_again_and_no_edit_sticks_within_one_sync(
    laptop: tuple[Register, SyncSetup],
    killable_server: KillableServer,
    tmp_path: Path,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    register, setup = laptop
    engine = setup.engine
    siti_input = make_person_input(name="Siti Aminah", rt="001")
    siti = register.people.register(siti_input).person_id
    for n in range(3):
        person = register.people.register(make_person_input(name=f"Warga {n}")).person_id
        register.visits.record(person_id=person, inputs=make_visit_input(), settings=RuleSettings())
    first = engine.run_once()
    assert first.reconciled and first.pending == 0
    backup = tmp_path / "backup.sqlite3"
    killable_server.backup(backup)

    # After the backup: Siti is edited twice, new residents are screened; all acknowledged.
    register.people.update(person_id=siti, data=replace(siti_input, rt="002"), base_version=1)
    register.people.update(person_id=siti, data=replace(siti_input, rt="003"), base_version=2)
    for n in range(4):
        person = register.people.register(make_person_input(name=f"Baru {n}")).person_id
        register.visits.record(person_id=person, inputs=make_visit_input(), settings=RuleSettings())
    second = engine.run_once()
    assert not second.reconciled and second.pending == 0
    held_before = _server_rows(killable_server)

    killable_server.restore(backup)
    lost = held_before - _server_rows(killable_server)
    assert len(lost) == 10  # two edits of Siti, four residents and their four visits
    # The kader edits Siti again, on version 3, which the restored server no longer has.
    register.people.update(person_id=siti, data=replace(siti_input, rt="004"), base_version=3)

    healed = engine.run_once()

    # Reconcile names the eight records lost whole; Siti's lost versions come back through the
    # edit's own answer (its base is missing), sent again ahead of it in the same cycle.
    assert healed.reconciled and healed.requeued == 8
    assert healed.pending == 0 and setup.store.problems() == []
    counts = register.sync.counts()
    assert (counts.pending, counts.rejected, counts.conflict) == (0, 0, 0)
    now_held = _server_rows(killable_server)
    assert held_before <= now_held and (siti, 4) in now_held
    assert len(killable_server.entries()) == len(now_held), "nothing stored twice"
    # The audit chain picks up where the restored server stands: no break is reported.
    engine.run_once()
    seq, broken = _device_audit(killable_server)
    assert broken is None and seq > 0
