"""The released schema-2 database (written by the previous release) migrates to 0003 honestly.

Each visit version becomes one typed payload: a section with no inputs was not asked (the TBC
defaults of an untouched form included), an unfinished SRQ-20 and a section the old rules did
not classify for age are incomplete, and every stored class stays as it was saved.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kader_app.core.database import SCHEMA_HEAD
from kader_app.core.register import Register
from screening.rules.section import SectionState
from sync.protocol import content_hash

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_v2"


def _open_copy(tmp_path: Path) -> Register:
    shutil.copytree(FIXTURE, tmp_path / "schema_v2")
    return Register.open(tmp_path / "schema_v2" / "data")


def _states(visit) -> dict[str, tuple[SectionState, str | None]]:  # type: ignore[no-untyped-def]
    return {r.section: (r.state, r.code) for r in visit.evaluation.sections}


def test_schema_2_visits_become_section_payloads_with_their_stored_classes(tmp_path: Path) -> None:
    register = _open_copy(tmp_path)
    try:
        with register.database.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            triggers = {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
            }
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert revision == SCHEMA_HEAD  # 0003 and every migration after it ran
        assert {"visit_no_delete_unsent", "outbox_no_delete_unsent"} <= triggers

        [ani] = register.search.people("ani fiktif")
        [budi] = register.search.people("budi fiktif")
        [citra] = register.search.people("citra fiktif")
        [voided] = register.visits.history(ani.id)
        assert voided.voided and voided.void_reason == "contoh pembatalan"
        assert _states(voided) == {
            "bmi": (SectionState.COMPLETE, "obesitas_1"),
            "waist": (SectionState.COMPLETE, "central_obesity"),
            "blood_pressure": (SectionState.COMPLETE, "hipertensi_1"),
            "glucose": (SectionState.COMPLETE, "prediabetes"),
            "srq20": (SectionState.COMPLETE, "berpotensi_masalah_jiwa"),
        }
        assert voided.evaluation.rules_version == "ilp-2023.1"  # never reclassified

        corrected, untouched = register.visits.history(budi.id)
        # The untouched form was stored as "TBC negative"; it was never asked.
        assert _states(untouched) == {} and untouched.evaluation.level is None
        assert budi.last_level == "refer"
        assert corrected.version == 2
        assert _states(corrected) == {
            "blood_pressure": (SectionState.COMPLETE, "hipertensi_1"),
            "tb": (SectionState.COMPLETE, "terduga_tbc"),
        }
        # The first version kept its unfinished SRQ-20, now incomplete rather than "belum lengkap".
        first = register.visits.versions(corrected.visit_key)[0]
        assert _states(first)["srq20"] == (SectionState.INCOMPLETE, None)

        [child] = register.visits.history(citra.id)
        assert _states(child) == {
            "bmi": (SectionState.INCOMPLETE, None),
            "blood_pressure": (SectionState.INCOMPLETE, None),
            "tb": (SectionState.COMPLETE, "terduga_tbc"),
        }
    finally:
        register.close()


def test_queued_entries_keep_the_content_and_hash_they_were_queued_with(tmp_path: Path) -> None:
    register = _open_copy(tmp_path)
    try:
        items = register.sync.claim(limit=100)
        visits = [i for i in items if i.type == "visit"]
        # Ten entries; Budi's edit waits for his first version (a resident's versions go one
        # per batch).
        assert register.sync.counts().pending == 10
        assert len(items) == 9 and len(visits) == 6
        for item in items:
            assert content_hash(item.payload) == item.content_hash
        # Still the first schema on the wire: the server upgrades it when it reads it.
        assert all("evaluation" in i.payload for i in visits)
    finally:
        register.close()
