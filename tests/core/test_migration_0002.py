"""The released v1 database file migrates through 0002 (follow-ups, server reasons) intact."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from kader_app.core import sync_state
from kader_app.core.database import DB_FILENAME, SCHEMA_HEAD
from kader_app.core.keystore import key_file_path
from kader_app.core.register import Register

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_v1" / "data"


def _copy_v1(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy2(FIXTURE / DB_FILENAME, target / DB_FILENAME)
    shutil.copy2(key_file_path(FIXTURE), key_file_path(target))
    return target


def test_v1_database_migrates_to_the_head_and_keeps_everything(tmp_path: Path) -> None:
    register = Register.open(_copy_v1(tmp_path))
    try:
        engine = register.database.engine
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                SCHEMA_HEAD
            )
            outbox_columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(outbox)")}
            triggers = {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
            }
        assert "last_message" in outbox_columns
        # The ADD COLUMN kept v1's guard: unsent entries still cannot be deleted.
        assert "outbox_no_delete_unsent" in triggers
        [ani] = register.search.people("ani fiktif")
        [budi] = register.search.people("budi")
        assert (ani.nik, budi.version, budi.rt) == ("3201015205800001", 2, "003")
        assert [v.voided for v in register.visits.history(ani.id)] == [False, True]
        assert register.sync.counts().pending == 6
        assert register.visits.follow_ups(ani.id) == []

        # The new table works on the migrated file: a pulled follow-up of Ani's referral.
        visit = register.visits.history(ani.id)[0]
        sync_state.store_pulled(
            engine,
            people=[],
            followups=[
                {
                    "id": "5d3c1f55-1111-4e52-9f3e-8c3a1b2c3d4e",
                    "person_id": None,
                    "visit_id": visit.id,
                    "outcome": "Sudah datang ke Puskesmas/Pustu",
                    "recorded_at": datetime(2025, 2, 20, 2, 0, tzinfo=UTC).isoformat(),
                }
            ],
        )
        [follow_up] = register.visits.follow_ups(ani.id)
        assert follow_up.outcome == "Sudah datang ke Puskesmas/Pustu"
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        register.close()
