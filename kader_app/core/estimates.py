"""The sasaran estimates the Puskesmas entered for this laptop's Posyandu, as last pulled.

The server sends its whole set on every pull; `replace_estimates` makes the local set exactly
that (an estimate removed at the Puskesmas goes here too). The monthly report reads one year's
with `estimates_of`. Qt-free and network-free; group codes and counts only, no health data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, insert, select

from kader_app.core.database import read_connection, write_transaction
from kader_app.core.models import ESTIMATE_TABLE

ESTIMATE = ESTIMATE_TABLE


@dataclass(frozen=True, slots=True)
class Estimate:
    """A Puskesmas-entered sasaran: ``n`` people of ``group`` in ``year``."""

    year: int
    group: str
    n: int


def replace_estimates(
    engine: Engine, estimates: Iterable[Estimate], *, now: datetime | None = None
) -> bool:
    """Make the stored set exactly ``estimates``; returns whether anything changed.

    Not durable on its own: the pull cursor, saved durably after it, carries it to the disk
    (and a lost set is sent again by the next pull anyway).
    """
    wanted = {(e.year, e.group): e.n for e in estimates}
    now = now or datetime.now(UTC)
    # Most pulls bring the set already held: read first, so they take no write lock at all.
    with read_connection(engine) as conn:
        if _held(conn) == wanted:
            return False
    with write_transaction(engine, durable=False) as conn:
        conn.execute(delete(ESTIMATE))
        if wanted:
            conn.execute(
                insert(ESTIMATE),
                [
                    {"year": year, "group_code": group, "n": n, "received_at": now}
                    for (year, group), n in sorted(wanted.items())
                ],
            )
    return True


def _held(conn: Connection) -> dict[tuple[int, str], int]:
    rows = conn.execute(select(ESTIMATE.c.year, ESTIMATE.c.group_code, ESTIMATE.c.n))
    return {(int(year), str(group)): int(n) for year, group, n in rows}


def estimates_of(engine: Engine, *, year: int) -> dict[str, int]:
    """The estimates of ``year``: group code → sasaran (empty when the Puskesmas entered none)."""
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(ESTIMATE.c.group_code, ESTIMATE.c.n).where(ESTIMATE.c.year == year)
        ).all()
    return {str(group): int(n) for group, n in rows}
