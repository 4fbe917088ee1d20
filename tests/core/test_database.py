"""The database file: encrypted at rest, durable pragmas, migrations at open, delete guards."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from kader_app.core import database
from kader_app.core.database import (
    DB_FILENAME,
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    connect_raw,
    open_database,
)
from kader_app.core.errors import DatabaseKeyError
from kader_app.core.keystore import key_file_path, load_or_create_key
from kader_app.core.outbox import ItemResult, apply_results, claim_batch
from kader_app.core.register import Register

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_copied_file_is_unreadable_without_the_key(register_dir, make_person_input):
    register = Register.open(register_dir)
    register.people.register(make_person_input(name="Rahasia Sekali"))
    register.close()
    stolen = register_dir.parent / "stolen.db"
    shutil.copy2(register_dir / DB_FILENAME, stolen)
    assert b"Rahasia" not in stolen.read_bytes()
    plain = sqlite3.connect(stolen)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("select * from sqlite_master").fetchall()
    plain.close()
    with pytest.raises(DatabaseKeyError):
        connect_raw(stolen, key=bytes(32))
    # The right key reads it.
    conn = connect_raw(stolen, key=load_or_create_key(register_dir, create=False))
    assert conn.execute("select name from person").fetchall() == [("Rahasia Sekali",)]
    conn.close()


def test_key_file_sits_beside_the_data_dir_and_is_private(tmp_path):
    data_dir = tmp_path / "posyandu"
    open_database(data_dir).close()
    key_path = key_file_path(data_dir)
    assert key_path == tmp_path / "posyandu.key"
    assert not any(p.suffix == ".key" for p in data_dir.iterdir())
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600


def test_lost_key_is_an_error_not_a_new_empty_database(register_dir):
    key_file_path(register_dir).unlink()
    with pytest.raises(DatabaseKeyError):
        open_database(register_dir)


def test_connections_use_wal_full_sync_and_foreign_keys(register):
    with register.database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_schema_head_constant_matches_the_migration_scripts():
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def test_migrations_build_exactly_the_models(register):
    with register.database.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "include_object": lambda obj, name, type_, *_: (
                    not (type_ == "table" and str(name).startswith("person_search"))
                ),
                "compare_type": True,
            },
        )
        assert ctx.get_current_revision() == SCHEMA_HEAD
        assert compare_metadata(ctx, SQLModel.metadata) == []


def copy_fixture(name: str, tmp_path: Path) -> Path:
    source = FIXTURES / f"schema_{name}" / "data"
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy2(source / DB_FILENAME, target / DB_FILENAME)
    shutil.copy2(key_file_path(source), key_file_path(target))
    return target


def test_v1_fixture_opens_with_current_schema_and_data_intact(tmp_path):
    data_dir = copy_fixture("v1", tmp_path)
    register = Register.open(data_dir)
    try:
        assert register.device_id == "fixture-v1"
        [ani] = register.search.people("ani fiktif")
        assert ani.nik == "3201015205800001"
        [budi] = register.search.people("budi")
        assert (budi.version, budi.rt) == (2, "003")
        history = register.visits.history(ani.id)
        assert [v.voided for v in history] == [False, True]
        assert history[0].evaluation.level == "refer"
        assert history[1].void_reason == "contoh pembatalan"
        tensi = history[0].inputs.sections["blood_pressure"]
        assert tensi.model_dump(mode="json") == {
            "readings": [{"systolic": 146, "diastolic": 92}, {"systolic": 142, "diastolic": 90}]
        }
        assert register.sync.counts().pending == 6
        with register.database.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert revision == SCHEMA_HEAD
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        register.close()
    # v1 is older than the current schema, so the file was backed up before migrating.
    backups = list((data_dir / database.BACKUP_DIRNAME).iterdir())
    assert [b.name.startswith(f"kader-before-{SCHEMA_HEAD}") for b in backups] == [True]


def test_pending_migration_backs_up_the_file_first(tmp_path, monkeypatch):
    data_dir = copy_fixture("v1", tmp_path)
    # Pretend the code expects a newer schema than the file has.
    monkeypatch.setattr(database, "SCHEMA_HEAD", "0002_future")
    db = open_database(data_dir)
    try:
        assert db.backup_made is not None and db.backup_made.parent.name == "backups"
        copy = connect_raw(db.backup_made, key=db.key)
        assert copy.execute("select count(*) from person").fetchone() == (2,)
        copy.close()
    finally:
        db.close()


def _delete(register: Register, sql: str, **params: str) -> None:
    with register.database.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_unsent_rows_cannot_be_deleted_until_acked(register, make_person_input, make_visit_input):
    from screening.rules.section import RuleSettings

    person = register.people.register(make_person_input()).person_id
    visit = register.visits.record(
        person_id=person, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    for sql in (
        "DELETE FROM outbox",
        "DELETE FROM visit WHERE id = :id",
        "DELETE FROM person WHERE id = :pid",
    ):
        with pytest.raises(IntegrityError, match="unsent data"):
            _delete(register, sql, id=str(visit), pid=person)
    assert len(register.visits.history(person)) == 1
    assert register.sync.counts().pending == 2

    engine = register.database.engine
    items = claim_batch(engine, limit=10)
    apply_results(
        engine,
        results=[
            ItemResult(id=i.id, content_hash=i.content_hash, status="accepted") for i in items
        ],
    )
    assert register.sync.counts().pending == 0
    _delete(register, "DELETE FROM visit WHERE id = :id", id=str(visit))
    _delete(register, "DELETE FROM person_version WHERE person_id = :id", id=person)
    _delete(register, "DELETE FROM person WHERE id = :id", id=person)
    _delete(register, "DELETE FROM outbox")
    assert register.search.people("") == []


def test_raw_sqlite_cannot_bypass_the_guard(register_dir, register, make_person_input):
    register.people.register(make_person_input())
    conn = sqlcipher3.connect(str(register_dir / DB_FILENAME))
    conn.execute(f"PRAGMA key = \"x'{register.database.key.hex()}'\"")
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute("DELETE FROM outbox")
    conn.close()


def test_birth_dates_and_times_round_trip(register, make_person_input):
    pid = register.people.register(make_person_input(birth_date=date(1950, 2, 28))).person_id
    person = register.people.get(pid)
    assert person.birth_date == date(1950, 2, 28)
    assert person.updated_at == person.created_at
