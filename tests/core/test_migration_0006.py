"""Schema 6: visits stored before it get their compact complete sections, and the report agrees.

A Posyandu's register is built through the app, then taken back to schema 5 (the column and
its index dropped) as the previous release left it; opening it again fills every visit's
``complete_sections`` from its payload, and the monthly report — S-K-D-N and SPM lines
included — is exactly the one the app made before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coverage_register import MARCH, seed_posyandu

from kader_app.core.database import SCHEMA_HEAD
from kader_app.core.records import (
    CompleteSection,
    complete_sections_text,
    read_complete_sections,
)
from kader_app.core.register import Register
from kader_app.core.report import build_report


def _sections(register: Register) -> dict[str, str]:
    with register.database.engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT id, complete_sections FROM visit").all())


def _to_schema_5(register: Register) -> None:
    with register.database.engine.begin() as conn:
        # Schema 5 had neither the later estimates table (schema 7) nor the compact column.
        conn.exec_driver_sql("DROP TABLE sasaran_estimate")
        conn.exec_driver_sql("DROP INDEX ix_visit_measured")
        conn.exec_driver_sql("ALTER TABLE visit DROP COLUMN complete_sections")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0005_person_lifecycle'")


def test_stored_visits_get_their_sections_and_the_report_is_unchanged(
    register_dir: Path,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> None:
    register = Register.open(register_dir, device_id="test-device")
    seed_posyandu(register, make_person_input, make_visit_input)
    written = _sections(register)
    before = build_report(register.database.engine, month=MARCH, posyandu="Melati")
    _to_schema_5(register)
    register.close()

    register = Register.open(register_dir, device_id="test-device")
    try:
        with register.database.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            payloads = conn.exec_driver_sql("SELECT id, payload FROM visit").all()
        assert revision == SCHEMA_HEAD
        assert _sections(register) == written
        assert any("antropometri_balita" in text for text in written.values())
        assert {i: complete_sections_text(json.loads(p)) for i, p in payloads} == written
        after = build_report(register.database.engine, month=MARCH, posyandu="Melati")
        assert after.coverage == before.coverage
        assert after.coverage is not None and after.coverage.skdn.d == 3
    finally:
        register.close()


def test_the_compact_form_keeps_each_complete_class_and_the_weighing() -> None:
    payload = {
        "sections": {
            "blood_pressure": {"state": "complete", "class": "hipertensi_1"},
            "glucose": {"state": "incomplete", "class": None},
            "tbc": {"state": "not_asked"},
            "antropometri_balita": {
                "state": "complete",
                "class": "gizi_baik",
                "values": {"weight_kg": 9.8, "wfa_class": "bb_normal"},
            },
        }
    }
    text = complete_sections_text(payload)
    assert read_complete_sections(text) == [
        CompleteSection("blood_pressure", "hipertensi_1"),
        CompleteSection("antropometri_balita", "gizi_baik", 9.8, "bb_normal"),
    ]
    unweighed = {"sections": {"antropometri_balita": {"state": "complete", "class": "x"}}}
    assert read_complete_sections(complete_sections_text(unweighed)) == [
        CompleteSection("antropometri_balita", "x", None, None)
    ]
    assert read_complete_sections("") == []
