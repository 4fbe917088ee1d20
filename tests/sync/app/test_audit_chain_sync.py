"""A laptop's audit chain reaches the real server with its pushes; a record edited in the file
shows as a break on the server, and the entries still arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
import sqlcipher3
from server_process import ServerProcess

from kader_app.core.database import DB_FILENAME
from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import build_sync, enroll_device
from sync.server.store.tables import DEVICE


def _device_chain(server: ServerProcess, device_id: str) -> tuple[int, int | None, str | None]:
    with server.session() as session:
        row = session.execute(
            sa.select(
                DEVICE.c.audit_seq, DEVICE.c.audit_break_seq, DEVICE.c.audit_break_kind
            ).where(DEVICE.c.id == device_id)
        ).one()
    return int(row[0]), row[1], row[2]


def _sync_once(data_dir: Path) -> int:
    register = Register.open(data_dir)
    setup = build_sync(register, settings=AppSettings())
    assert setup is not None
    try:
        return setup.engine.run_once().acked
    finally:
        setup.close()
        register.close()


def test_a_record_edited_in_the_file_is_reported_by_the_server_and_entries_still_arrive(
    tmp_path: Path, live_server: ServerProcess, make_person_input: Callable[..., PersonInput]
) -> None:
    data_dir = tmp_path / "laptop"
    register = Register.open(data_dir)
    code = live_server.enroll_code(posyandu="Posyandu Audit", area=f"Desa Audit {tmp_path.name}")
    enroll_device(register, server_url=live_server.url, code=code, device_name="audit")
    device_id = register.sync.credentials().device_id
    for n in range(3):
        register.people.register(make_person_input(name=f"Warga {n}"))
    assert register.audit_break() is None
    assert _sync_once_open(register) == 3
    sound = _device_chain(live_server, device_id)
    key = register.database.key
    for n in range(3, 5):
        register.people.register(make_person_input(name=f"Warga {n}"))
    last_seq = len(register.sync.audit_links(limit=100)) + sound[0]
    register.close()

    # Someone opens the file and changes what a not yet sent record says was done.
    conn = sqlcipher3.connect(str(data_dir / DB_FILENAME))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("UPDATE audit_log SET kind = 'edit' WHERE seq = ?", (sound[0] + 1,))
    conn.commit()
    conn.close()
    acked = _sync_once(data_dir)

    assert sound == (sound[0], None, None) and sound[0] >= 3
    assert acked == 2
    held, broken_at, kind = _device_chain(live_server, device_id)
    assert (broken_at, kind) == (sound[0] + 1, "altered")
    assert held == last_seq


def _sync_once_open(register: Register) -> int:
    setup = build_sync(register, settings=AppSettings())
    assert setup is not None
    try:
        return setup.engine.run_once().acked
    finally:
        setup.close()
