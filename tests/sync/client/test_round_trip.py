"""The real client and engine against the real server process on 127.0.0.1: two devices of one
area, a revoked device, and a server restored from an older backup.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from sync_payloads import make_visit_payload

from screening.rules.blood_pressure import BloodPressureInput
from sync.client import AuthError, ProtocolMismatchError
from sync.engine import EngineState


def test_two_devices_share_residents_and_edits(server, make_device) -> None:
    _, melati, engine_a = make_device(url=server.url, name="melati")
    _, mawar, engine_b = make_device(url=server.url, name="mawar")

    siti = melati.record_person({"name": "Siti Aminah", "sex": "P", "rt": "01"})
    visit = melati.record_visit(make_visit_payload(person_id=siti))
    melati.edit_person(siti, {"phone": "081234567890"})
    later = melati.record_visit(
        make_visit_payload(
            person_id=siti, sections={"blood_pressure": BloodPressureInput.of((128, 84))}
        )
    )
    summary_a = engine_a.run_once()
    assert summary_a.acked == 4 and not summary_a.rejected

    budi = mawar.record_person({"name": "Budi Santoso", "sex": "L", "rt": "04"})
    summary_b = engine_b.run_once()
    assert summary_b.acked == 1
    # Mawar now knows Siti, at her latest version, with the phone number added on Melati.
    pulled = mawar.person(siti)
    assert pulled is not None and pulled["version"] == 2
    assert pulled["payload"]["phone"] == "081234567890"

    # Mawar corrects Siti's RT; Melati receives it on the next sync.
    mawar.edit_person(siti, {"rt": "02"})
    assert engine_b.run_once().acked == 1
    engine_a.run_once()
    assert melati.person(budi)["payload"]["name"] == "Budi Santoso"
    assert melati.person(siti)["version"] == 3
    assert melati.person(siti)["payload"]["rt"] == "02"

    stored = {(i, v) for i, v, _ in server.entries()}
    assert {(siti, 1), (siti, 2), (siti, 3), (visit, 1), (later, 1), (budi, 1)} == stored
    assert set(server.entries()) == melati.acked_set() | mawar.acked_set()


def test_concurrent_edits_surface_as_a_conflict_not_a_loss(server, make_device) -> None:
    _, melati, engine_a = make_device(url=server.url, name="melati")
    _, mawar, engine_b = make_device(url=server.url, name="mawar")
    siti = melati.record_person({"name": "Siti", "rt": "01"})
    engine_a.run_once()
    engine_b.run_once()
    melati.edit_person(siti, {"rt": "03"})
    mawar.edit_person(siti, {"rt": "05"})
    engine_a.run_once()
    summary = engine_b.run_once()
    assert [(r.id, r.status) for r in summary.rejected] == [(siti, "conflict")]
    kept = mawar.rows(state="conflict")
    assert len(kept) == 1 and kept[0]["id"] == siti
    # Mawar's own unsent edit is not overwritten by the pull.
    assert mawar.person(siti)["payload"]["rt"] == "05"


def test_server_restored_from_backup_gets_every_entry_back(server, make_device, tmp_path) -> None:
    _, melati, engine = make_device(url=server.url, name="melati")
    people = [melati.record_person({"name": f"Warga {i}", "rt": "01"}) for i in range(30)]
    engine.run_once(reconcile=False)
    backup = tmp_path / "backup.sqlite3"
    server.backup(backup)
    later = [melati.record_person({"name": f"Warga baru {i}", "rt": "02"}) for i in range(20)]
    melati.edit_person(people[0], {"phone": "0811"})
    engine.run_once(reconcile=False)
    assert len(server.entries()) == 51

    server.restore(backup)
    assert len(server.entries()) == 30
    summary = engine.run_once(reconcile=True)
    # 21 lost versions, plus the held first version of the edited person (answered duplicate).
    assert summary.requeued == 22 and summary.duplicates == 1
    assert set(server.entries()) == melati.acked_set()
    assert {i for i, _, _ in server.entries()} >= set(later)
    # The pull cursor was from the newer copy of the database: the device started over.
    assert summary.pulled_people == 30


def test_old_protocol_version_is_refused_as_mismatch(server, make_device) -> None:
    client, melati, engine = make_device(url=server.url, name="melati")
    assert client.health().status == "ok"
    melati.record_person({"name": "Siti", "rt": "01"})
    request = engine._build_request(melati.claim_batch(10))
    with pytest.raises(ProtocolMismatchError):
        client.push(request.model_copy(update={"protocol_version": 99}))
    melati.release_in_flight()
    assert engine.run_once().acked == 1


def test_revoked_device_pauses_and_keeps_its_data(server, make_device) -> None:
    client, melati, engine = make_device(url=server.url, name="melati")
    melati.record_person({"name": "Siti", "rt": "01"})
    engine.run_once()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sync.server",
            "revoke-device",
            client.device_id,
            "--data-dir",
            str(server.data_dir),
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    melati.record_person({"name": "Budi", "rt": "02"})
    with pytest.raises(AuthError):
        engine.run_once()
    assert melati.pending_count() == 1

    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        for _ in range(2000):
            if engine.status().state is EngineState.PAUSED_AUTH:
                break
            threading.Event().wait(0.01)
        assert engine.status().state is EngineState.PAUSED_AUTH
        code = server.enroll_code(posyandu="Posyandu Melati", area="Desa Sukamaju")
        client.enroll(code, device_name="melati")
        engine.reenrolled()
        for _ in range(2000):
            if melati.pending_count() == 0:
                break
            threading.Event().wait(0.01)
        assert melati.pending_count() == 0
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)
    assert set(server.entries()) == melati.acked_set()
