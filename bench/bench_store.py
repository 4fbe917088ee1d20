"""Local store benchmarks, as ratios against a baseline measured in the same run.

save-one-visit: Register.visits.record vs a bare SQLAlchemy Core insert of the same three rows
(visit + outbox + audit) in one transaction on the same database. search-100k:
Register.search_people vs its SQL run raw on a plain sqlcipher3 connection, and the unindexed
LIKE scan that the trigram index replaced.
``KADER_APP_KEYRING=off uv run python bench/bench_store.py [--data-dir DIR] [--people N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

sys.path.insert(0, str(Path(__file__).parent))

from datagen import generate  # noqa: E402

from kader_app.core.database import connect_raw, write_transaction  # noqa: E402
from kader_app.core.models import AUDIT_TABLE, OUTBOX_TABLE, VISIT_TABLE  # noqa: E402
from kader_app.core.records import VisitHeader, visit_payload  # noqa: E402
from kader_app.core.register import Register  # noqa: E402
from screening.rules.blood_pressure import BloodPressureInput  # noqa: E402
from screening.rules.bmi import BmiInput  # noqa: E402
from screening.rules.glucose import GlucoseInput  # noqa: E402
from screening.rules.section import RuleSettings, Subject  # noqa: E402
from screening.rules.tb import TbInput  # noqa: E402
from screening.rules.visit import VisitInput, checked_evaluation  # noqa: E402
from screening.rules.waist import WaistInput  # noqa: E402
from sync.protocol import content_hash, payload_json  # noqa: E402

RUNS = 7
SAVES_PER_RUN = 40
SEARCHES_PER_RUN = 20


def median_seconds(fn: Callable[[], object], *, repeat: int) -> float:
    """Median over RUNS runs of the mean time of ``repeat`` calls."""
    results = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        results.append((time.perf_counter() - start) / repeat)
    return statistics.median(results)


def interleaved_medians(
    ours: Callable[[], object], base: Callable[[], object], *, repeat: int
) -> tuple[float, float]:
    """Medians over RUNS runs of (ours, base), the runs alternating so both see the same load."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        for fn, out in ((ours, timings[0]), (base, timings[1])):
            start = time.perf_counter()
            for _ in range(repeat):
                fn()
            out.append((time.perf_counter() - start) / repeat)
    return statistics.median(timings[0]), statistics.median(timings[1])


INPUTS = VisitInput(
    subject=Subject(sex="P", birth_date=date(1970, 1, 1)),
    measured_on=date.today(),
    sections={
        "bmi": BmiInput(weight_kg=60, height_cm=155),
        "waist": WaistInput(waist_cm=80),
        "blood_pressure": BloodPressureInput.of((146, 92)),
        "glucose": GlucoseInput(value="182", kind="sewaktu"),
        "tb": TbInput(cough=False),
    },
)


def _template() -> dict[str, Any]:
    header = VisitHeader(
        id="t",
        visit_key="t",
        version=1,
        replaces_id=None,
        person_id="t",
        measured_at=datetime.now().astimezone(),
        place="posyandu",
    )
    evaluation = checked_evaluation(INPUTS, RuleSettings())
    return payload_json(
        visit_payload(header, inputs=INPUTS, evaluation=evaluation, settings=RuleSettings())
    )


TEMPLATE = _template()


def bare_rows(person_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The same three rows the Register writes, from a ready payload (no rules, no models)."""
    now = datetime.now(UTC)
    vid = str(uuid.uuid4())
    payload = {**TEMPLATE, "id": vid, "visit_key": vid, "person_id": person_id}
    visit = {
        "id": vid,
        "visit_key": vid,
        "version": 1,
        "replaces_id": None,
        "is_current": True,
        "person_id": person_id,
        "measured_at": now.isoformat(),
        "measured_at_utc": now,
        "place": "posyandu",
        "recorded_by": "",
        "rules_version": payload["rules_version"],
        "voided": False,
        "void_reason": None,
        "created_at": now,
        "payload": payload,
        "level": payload["level"],
    }
    entry = {
        "id": str(uuid.uuid4()),
        "entity_type": "visit",
        "entity_id": vid,
        "entity_version": 1,
        "base_version": None,
        "row_id": vid,
        "person_id": person_id,
        "payload": payload,
        "content_hash": content_hash(payload),
        "state": "pending",
        "attempts": 0,
        "created_at": now,
    }
    audit = {
        "id": str(uuid.uuid4()),
        "at": now,
        "kind": "create",
        "entity_type": "visit",
        "entity_id": vid,
        "device_id": "bench",
        "detail": "v1",
    }
    return visit, entry, audit


def bench_save(register: Register, person_id: str) -> tuple[float, float]:
    """Seconds per save: (Register.visits.record, bare Core insert), interleaved medians."""
    engine = register.database.engine
    next_seq = select(func.max(OUTBOX_TABLE.c.seq) + 1).scalar_subquery()

    def bare() -> None:
        visit, entry, audit = bare_rows(person_id)
        with write_transaction(engine) as conn:
            conn.execute(insert(VISIT_TABLE), [visit])
            conn.execute(insert(OUTBOX_TABLE).values(**entry, seq=next_seq))
            conn.execute(insert(AUDIT_TABLE), [audit])

    def facade() -> None:
        register.visits.record(person_id=person_id, inputs=INPUTS, settings=RuleSettings())

    ours, base = interleaved_medians(facade, bare, repeat=SAVES_PER_RUN)
    print(
        f"save-one-visit: Register.visits.record {ours * 1e3:.2f} ms, bare Core insert "
        f"{base * 1e3:.2f} ms (row building included) -> ratio {ours / base:.2f}"
    )
    return ours, base


LAST_VISIT = """
  (SELECT v.measured_at_utc FROM visit v WHERE v.person_id = p.id AND v.is_current = 1
     AND v.voided = 0 ORDER BY v.measured_at_utc DESC LIMIT 1),
  (SELECT v.level FROM visit v WHERE v.person_id = p.id AND v.is_current = 1
     AND v.voided = 0 ORDER BY v.measured_at_utc DESC LIMIT 1)"""
# The SQL the Register runs, by hand on a plain sqlcipher3 connection.
RAW_FTS = (
    "SELECT p.*, " + LAST_VISIT + " FROM person p JOIN (SELECT rowid AS sid, {col} AS k "
    "FROM person_search WHERE person_search MATCH ? ORDER BY {order} LIMIT 50) s "
    "ON p.sid = s.sid ORDER BY {outer}"
)
# The alternative we measured against: an unindexed LIKE over the person table.
SCAN = "SELECT p.*, " + LAST_VISIT + " FROM person p WHERE {where} ORDER BY {col} LIMIT 50"


def _fetch_all(conn: Any, sql: str, params: Any) -> list[Any]:
    return list(conn.execute(sql, params).fetchall())


def register_sql(register: Register, query: str) -> tuple[str, Any]:
    """The exact SQL text and values ``search_people(query)`` sends to SQLite."""
    found = register.search.sql(query)
    assert found is not None, query
    return found


def bench_search(register: Register, *, key: bytes) -> list[tuple[str, int, float, float]]:
    """Per case: (label, people shown, Register seconds, its very SQL run raw, seconds).

    The floor is the statement the Register sends, captured and replayed on a plain sqlcipher3
    connection, so the ratio is the facade's own cost; the hand-written SQL is checked to find
    the same people.
    """
    figures = []
    raw = connect_raw(register.database.path, key=key)
    name_order = ("name_norm", "name_norm, rowid", "s.k, s.sid")
    cases = [
        ("common name part 'wati'", "wati", 'name_norm:"wati"', ["%wati%"], name_order),
        (
            "two name parts 'sari kusu'",
            "sari kusu",
            'name_norm:"sari" AND name_norm:"kusu"',
            ["%sari%", "%kusu%"],
            name_order,
        ),
        (
            "NIK prefix '3273'",
            "3273",
            'nik:"3273"',
            ["%3273%"],
            ("nik", "nik LIKE '3273%' DESC, nik", "s.k LIKE '3273%' DESC, s.k"),
        ),
        (
            "NIK part '150880'",
            "150880",
            'nik:"150880"',
            ["%150880%"],
            ("nik", "nik LIKE '150880%' DESC, nik", "s.k LIKE '150880%' DESC, s.k"),
        ),
    ]
    for label, query, match, likes, (col, order, outer) in cases:
        found = [p.id for p in register.search.people(query)]
        sql = RAW_FTS.format(col=col, order=order, outer=outer)
        assert [r[0] for r in raw.execute(sql, [match]).fetchall()] == found
        where = " AND ".join(f"p.{col} LIKE ?" for _ in likes)
        scan_sql = SCAN.format(where=where, col=f"p.{col}")
        captured_sql, captured_params = register_sql(register, query)
        assert [r[0] for r in _fetch_all(raw, captured_sql, captured_params)] == found
        ours, base = interleaved_medians(
            partial(register.search.people, query),
            partial(_fetch_all, raw, captured_sql, captured_params),
            repeat=SEARCHES_PER_RUN,
        )
        scan = median_seconds(partial(_fetch_all, raw, scan_sql, likes), repeat=3)
        print(
            f"search {label}: {len(found)} shown; Register {ours * 1e3:.2f} ms, same SQL raw "
            f"{base * 1e3:.2f} ms -> ratio {ours / base:.2f}; unindexed LIKE scan "
            f"{scan * 1e3:.2f} ms ({scan / ours:.1f}x the Register)"
        )
        figures.append((label, len(found), ours, base))
    raw.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, help="reuse a database made by datagen.py")
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("KADER_APP_KEYRING", "off")
    with tempfile.TemporaryDirectory(prefix="kader-bench-") as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp) / "data"
            seconds = generate(data_dir=data_dir, people=args.people, seed=1)
            print(f"datagen: {args.people} people (+ visits, outbox) in {seconds:.1f} s")
        register = Register.open(data_dir, device_id="bench")
        try:
            with register.database.engine.connect() as conn:
                people = conn.execute(text("SELECT count(*) FROM person")).scalar()
                person_id = conn.execute(text("SELECT id FROM person LIMIT 1")).scalar_one()
            print(f"database: {people} people, {data_dir}")
            bench_search(register, key=register.database.key)
            bench_save(register, person_id)
        finally:
            register.close()


if __name__ == "__main__":
    main()
