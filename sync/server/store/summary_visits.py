"""Keeping the visit summaries: each visit's current version, each person's latest month results.

Called inside the push transaction with the batch's new current versions (set-wise: a few
statements per batch, whatever its size). A person's month is worked out again from their own
visits of that month only, so corrections and voids come out exactly. No web code here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

import sqlalchemy as sa

from screening.rules.registry import section_codes
from sync.protocol import VisitPayload
from sync.server.aggregates.indicators import INDICATORS
from sync.server.models import SERVER_METADATA
from sync.server.store.counters import (
    SCREENED,
    Deltas,
    Group,
    apply_deltas,
    insert_rows,
    replace_rows,
)
from sync.server.store.tables import chunks, one_of

VISIT_FACT = SERVER_METADATA.tables["visit_fact"]
MONTH_RESULT = SERVER_METADATA.tables["month_result"]
MONTH_PERSON = SERVER_METADATA.tables["month_person"]
INDICATOR_OF = {i.section: i for i in INDICATORS}


@dataclass(frozen=True, slots=True)
class CurrentVisit:
    """A visit's new current version and where it counts."""

    visit_key: str
    group: Group
    payload: VisitPayload


def sections_text(payload: VisitPayload) -> str:
    """`code:class:level` of each complete section, `;`-joined, in the registry's order."""
    order = section_codes()
    parts = [
        f"{code}:{stored.class_code}:{stored.level}"
        for code, stored in sorted(
            payload.sections.items(),
            key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]),
        )
        if stored.state == "complete" and stored.class_code is not None and stored.level
    ]
    return ";".join(parts)


def parse_sections(text: str) -> list[tuple[str, str, str]]:
    return [tuple(part.split(":", 2)) for part in text.split(";") if part]  # type: ignore[misc]


def visit_row(visit: CurrentVisit) -> dict[str, Any]:
    p = visit.payload
    return {
        "visit_key": visit.visit_key,
        "row_id": p.id,
        "person_id": p.person_id,
        "puskesmas": visit.group.puskesmas,
        "area": visit.group.area,
        "posyandu": visit.group.posyandu,
        "month": p.measured_at.date().replace(day=1),
        "measured_at": p.measured_at.astimezone(UTC),
        "measured_on": p.measured_at.date(),
        "level": p.level,
        "voided": p.voided,
        "sections": sections_text(p),
    }


def apply_visits(connection: sa.Connection, visits: Sequence[CurrentVisit]) -> set[str]:
    """Store the visits' current versions and redo their persons' months; the persons touched."""
    if not visits:
        return set()
    latest = {v.visit_key: v for v in visits}
    keys = sorted(latest)
    touched: set[tuple[str, date]] = set()
    for chunk in chunks(keys):
        rows = connection.execute(
            sa.select(VISIT_FACT.c.person_id, VISIT_FACT.c.month).where(
                one_of(connection, VISIT_FACT.c.visit_key, chunk)
            )
        )
        touched.update((r.person_id, r.month) for r in rows)
    fresh = [visit_row(v) for v in latest.values()]
    touched.update((r["person_id"], r["month"]) for r in fresh)
    replace_rows(connection, VISIT_FACT, key="visit_key", keys=keys, rows=fresh)
    _redo_months(connection, touched)
    return {person for person, _ in touched}


def _group(row: Any) -> Group:
    return Group(row.puskesmas, row.area, row.posyandu)


def _redo_months(connection: sa.Connection, touched: set[tuple[str, date]]) -> None:
    """Work out again every month of these persons' that a batch touched.

    All (person, month) pairs of the persons and months named are redone, a few more than
    touched at most: each from its own visits, so the answer is the same.
    """
    persons = sorted({p for p, _ in touched})
    months = sorted({m for _, m in touched})
    visits: defaultdict[tuple[str, date], list[Any]] = defaultdict(list)
    old_people: dict[tuple[str, date], Group] = {}
    old_results: dict[tuple[str, date, str], tuple[Group, str]] = {}
    for chunk in chunks(persons):
        for row in connection.execute(
            sa.select(VISIT_FACT).where(
                one_of(connection, VISIT_FACT.c.person_id, chunk),
                one_of(connection, VISIT_FACT.c.month, months),
                VISIT_FACT.c.voided.is_(False),
            )
        ):
            visits[(row.person_id, row.month)].append(row)
        for row in connection.execute(
            sa.select(MONTH_PERSON).where(
                one_of(connection, MONTH_PERSON.c.person_id, chunk),
                one_of(connection, MONTH_PERSON.c.month, months),
            )
        ):
            old_people[(row.person_id, row.month)] = _group(row)
        for row in connection.execute(
            sa.select(MONTH_RESULT).where(
                one_of(connection, MONTH_RESULT.c.person_id, chunk),
                one_of(connection, MONTH_RESULT.c.month, months),
            )
        ):
            old_results[(row.person_id, row.month, row.section)] = (_group(row), row.class_code)
    new_people: dict[tuple[str, date], Group] = {}
    new_results: dict[tuple[str, date, str], tuple[Group, str]] = {}
    for (person, month), rows in visits.items():
        for row in sorted(rows, key=lambda r: (r.measured_at, r.visit_key)):
            sections = parse_sections(row.sections)
            if sections:
                new_people[(person, month)] = _group(row)
            for code, class_code, _level in sections:
                if code in INDICATOR_OF:
                    new_results[(person, month, code)] = (_group(row), class_code)
    deltas = Deltas()
    for key in old_people.keys() | new_people.keys():
        old, new = old_people.get(key), new_people.get(key)
        if old != new:
            if old is not None:
                deltas.add(key[1], old, SCREENED, -1)
            if new is not None:
                deltas.add(key[1], new, SCREENED, 1)
    for result_key in old_results.keys() | new_results.keys():
        _result_deltas(deltas, result_key, old_results.get(result_key), new_results.get(result_key))
    _replace_months(connection, persons, months, new_people, new_results)
    apply_deltas(connection, deltas)


def _result_deltas(
    deltas: Deltas,
    key: tuple[str, date, str],
    old: tuple[Group, str] | None,
    new: tuple[Group, str] | None,
) -> None:
    if old == new:
        return
    _person, month, section = key
    indicator = INDICATOR_OF[section]
    for sign, found in ((-1, old), (1, new)):
        if found is None:
            continue
        group, class_code = found
        deltas.add(month, group, f"{indicator.key}:screened", sign)
        if class_code in indicator.is_case.codes:
            deltas.add(month, group, f"{indicator.key}:cases", sign)


def _replace_months(
    connection: sa.Connection,
    persons: Sequence[str],
    months: Sequence[date],
    people: dict[tuple[str, date], Group],
    results: dict[tuple[str, date, str], tuple[Group, str]],
) -> None:
    for table in (MONTH_PERSON, MONTH_RESULT):
        for chunk in chunks(persons):
            connection.execute(
                sa.delete(table).where(
                    one_of(connection, table.c.person_id, chunk),
                    one_of(connection, table.c.month, months),
                )
            )
    insert_rows(
        connection,
        MONTH_PERSON,
        [{"person_id": p, "month": m, **g._asdict()} for (p, m), g in people.items()],
    )
    insert_rows(
        connection,
        MONTH_RESULT,
        [
            {"person_id": p, "month": m, "section": s, "class_code": c, **g._asdict()}
            for (p, m, s), (g, c) in results.items()
        ],
    )
