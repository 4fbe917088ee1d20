"""Schema 7: a laptop of schema 6 opens with an empty set of estimates and the same report.

A Posyandu's register is built through the app, taken back to schema 6 (the estimates table
dropped) as the previous release left it; opening it again makes the table, keeps every
resident, visit and outbox entry, and the monthly report is exactly the one made before (every
sasaran from the register) until the Puskesmas's estimates arrive. Then the report uses them,
and each later set replaces the one before, whole.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from coverage_register import MARCH, seed_posyandu

from kader_app.core.database import SCHEMA_HEAD
from kader_app.core.estimates import Estimate
from kader_app.core.register import Register
from kader_app.core.report_document import report_document

LANSIA = "Lansia mendapat skrining kesehatan (tahun ini)"
BALITA = "Balita ditimbang (D/S, bulan ini)"


def _spm(register: Register) -> dict[str, tuple[Any, ...]]:
    report = register.monthly_report(month=MARCH, posyandu="Melati")
    table = next(t for t in report_document(report).tables if t.key == "spm")
    return {row[0]: tuple(row[2:]) for row in table.rows}


def _counts(register: Register) -> tuple[int, int, int]:
    with register.database.engine.connect() as conn:
        return (
            conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one(),
            conn.exec_driver_sql("SELECT count(*) FROM visit").scalar_one(),
            conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one(),
        )


def _to_schema_6(register: Register) -> None:
    with register.database.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE sasaran_estimate")
        conn.exec_driver_sql(
            "UPDATE alembic_version SET version_num = '0006_visit_complete_sections'"
        )


def test_a_schema_6_register_opens_with_no_estimates_and_the_same_report(
    register_dir: Path,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> None:
    register = Register.open(register_dir, device_id="test-device")
    seed_posyandu(register, make_person_input, make_visit_input)
    before = _spm(register)
    stored = _counts(register)
    _to_schema_6(register)
    register.close()

    register = Register.open(register_dir, device_id="test-device")
    try:
        with register.database.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision == SCHEMA_HEAD  # 0007 and every migration after it ran
        assert register.database.backup_made is not None
        assert _counts(register) == stored
        assert register.sync.estimates(year=MARCH.year) == {}
        assert _spm(register) == before
        assert before[LANSIA] == (1, 2, "50,0%", "dari register")

        # The Puskesmas's estimates arrive: the lines of their groups use them.
        assert register.sync.store_estimates(
            [Estimate(2026, "lansia", 10), Estimate(2026, "balita", 8), Estimate(2025, "lansia", 3)]
        )
        after = _spm(register)
        assert after[LANSIA] == (1, 10, "10,0%", "perkiraan Puskesmas")
        assert after[BALITA] == (3, 8, "37,5%", "perkiraan Puskesmas")

        # The next set replaces it whole; the same set again changes nothing.
        assert register.sync.store_estimates([Estimate(2026, "lansia", 12)])
        assert not register.sync.store_estimates([Estimate(2026, "lansia", 12)])
        assert register.sync.estimates(year=2026) == {"lansia": 12}
        assert register.sync.estimates(year=2025) == {}
        again = _spm(register)
        assert again[LANSIA] == (1, 12, "8,3%", "perkiraan Puskesmas")
        assert again[BALITA] == before[BALITA] == (3, 4, "75,0%", "dari register")

        assert register.sync.store_estimates([])
        assert _spm(register) == before
    finally:
        register.close()
