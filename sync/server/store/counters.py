"""The dashboard's counters: deltas gathered per batch and added in one upsert statement.

Shared by the summary writers; the same SQL (``INSERT … ON CONFLICT DO UPDATE``) serves SQLite
and PostgreSQL. No web code and no entry content here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.models import SERVER_METADATA

MONTH_COUNT = SERVER_METADATA.tables["month_count"]
REGISTERED = "registered"
SCREENED = "screened"
# Entries whose payload did not parse when the summaries were built, per group, under this month.
UNREADABLE = "unreadable"
UNREADABLE_MONTH = date(1900, 1, 1)


class Group(NamedTuple):
    """Where an entry counts: its device's Puskesmas and Posyandu, and its area (desa)."""

    puskesmas: str
    area: str
    posyandu: str


class Deltas:
    """Counter changes of one batch, keyed by (month, group, metric); zero sums are dropped."""

    def __init__(self) -> None:
        self._by_key: defaultdict[tuple[date, Group, str], int] = defaultdict(int)

    def add(self, month: date, group: Group, metric: str, delta: int) -> None:
        self._by_key[(month, group, metric)] += delta

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "month": month,
                "puskesmas": group.puskesmas,
                "area": group.area,
                "posyandu": group.posyandu,
                "metric": metric,
                "n": n,
            }
            for (month, group, metric), n in sorted(self._by_key.items())
            if n != 0
        ]


def apply_deltas(connection: sa.Connection, deltas: Deltas) -> None:
    """Add the deltas to `month_count` (rows made as needed), in a stable key order."""
    rows = deltas.rows()
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(MONTH_COUNT)
    statement = statement.on_conflict_do_update(
        index_elements=["month", "puskesmas", "area", "posyandu", "metric"],
        set_={"n": MONTH_COUNT.c.n + statement.excluded.n},
    )
    connection.execute(statement, rows)


def replace_rows(
    connection: sa.Connection,
    table: sa.Table,
    *,
    key: str,
    keys: Sequence[Any],
    rows: Iterable[dict[str, Any]],
) -> None:
    """Delete the rows whose ``key`` is one of ``keys`` and insert ``rows`` in their place."""
    from sync.server.store.tables import chunks, one_of

    for chunk in chunks(list(keys)):
        connection.execute(sa.delete(table).where(one_of(connection, table.c[key], chunk)))
    insert_rows(connection, table, list(rows))


def insert_rows(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (each with the same column names as keys) in as few round trips as can be.

    On PostgreSQL one ``INSERT … SELECT * FROM unnest(…)`` with one array per column: the server
    inserts the whole set in one statement instead of executing the insert once per row (a push
    of 500 items writes ~3,000 summary rows). Elsewhere one ``executemany``.
    """
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(sa.insert(table), list(rows))
        return
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    names = list(rows[0])
    arrays = ", ".join(
        f"CAST(:c{n} AS {table.c[name].type.compile(dialect=dialect)}[])"
        for n, name in enumerate(names)
    )
    # Table and column names come from the schema, never from input; values are bound arrays.
    statement = sa.text(
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"SELECT * FROM unnest({arrays})"
    )
    connection.execute(
        statement, {f"c{n}": [row[name] for row in rows] for n, name in enumerate(names)}
    )
