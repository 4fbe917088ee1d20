"""The local audit trail is a hash chain: every change links to the one before; an edit shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlcipher3

from kader_app.core.database import DB_FILENAME
from kader_app.core.register import Register
from screening.rules.section import RuleSettings

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_v2"


def _kinds(register: Register) -> list[tuple[int, str, str]]:
    with register.database.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, kind, entity_type FROM audit_log ORDER BY seq"
        ).fetchall()
    return [tuple(r) for r in rows]


def test_every_change_is_a_linked_record(register, make_person_input, make_visit_input) -> None:
    pid = register.people.register(make_person_input()).person_id
    register.people.update(person_id=pid, data=make_person_input(rt="009"), base_version=1)
    visit = register.visits.record(
        person_id=pid, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    assert visit is not None
    register.visits.void(visit_id=visit, reason="salah orang")
    register.record_export(what="report", period="2025-03")
    assert _kinds(register) == [
        (1, "create", "person"),
        (2, "edit", "person"),
        (3, "create", "visit"),
        (4, "void", "visit"),
        (5, "export", "report"),
    ]
    assert register.audit_break() is None
    links = register.sync.audit_links(limit=10)
    assert [link["seq"] for link in links] == [1, 2, 3, 4, 5]
    assert links[0]["prev_hash"] == "" and links[1]["prev_hash"] == links[0]["hash"]
    register.sync.audit_acked(3)
    assert [link["seq"] for link in register.sync.audit_links(limit=10)] == [4, 5]


def _raw(register_dir: Path, key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(register_dir / DB_FILENAME))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def test_a_past_record_edited_in_the_file_breaks_the_chain_there(
    register_dir, make_person_input
) -> None:
    register = Register.open(register_dir)
    for n in range(4):
        register.people.register(make_person_input(name=f"Warga {n}"))
    key = register.database.key
    register.close()
    conn = _raw(register_dir, key)
    # Someone opens the file and changes what a past record says was done.
    conn.execute("UPDATE audit_log SET kind = 'edit' WHERE seq = 2")
    conn.commit()
    conn.close()
    register = Register.open(register_dir)
    try:
        found = register.audit_break()
        assert found is not None and (found.seq, found.reason) == (2, "altered")
    finally:
        register.close()


def test_a_deleted_record_breaks_the_chain_after_it(register_dir, make_person_input) -> None:
    register = Register.open(register_dir)
    for n in range(3):
        register.people.register(make_person_input(name=f"Warga {n}"))
    key = register.database.key
    register.close()
    conn = _raw(register_dir, key)
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.commit()
    conn.close()
    register = Register.open(register_dir)
    try:
        found = register.audit_break()
        assert found is not None and (found.seq, found.reason) == (3, "unlinked")
    finally:
        register.close()


def test_the_chain_of_a_migrated_database_starts_whole(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "schema_v2")
    register = Register.open(tmp_path / "schema_v2" / "data")
    try:
        assert register.audit_break() is None
        assert len(register.sync.audit_links(limit=100)) == 10  # 4 people edits + 6 visits
    finally:
        register.close()
