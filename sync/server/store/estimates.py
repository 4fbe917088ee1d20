"""The sasaran estimates a device receives on pull: those of its own Posyandu, every year.

An estimate is kept per Puskesmas, desa, Posyandu, year and group (`coverage_tables`), so a
device gets exactly the rows of its own (puskesmas, area, posyandu), never another Posyandu's
of the same desa. A read only; no web code and no logging here.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.models import SERVER_METADATA, Device

ESTIMATE = SERVER_METADATA.tables["sasaran_estimate"]


def device_estimates(session: Session, *, device: Device) -> list[dict[str, int | str]]:
    """The `PulledEstimate` fields of every estimate of the device's Posyandu, by year, group."""
    rows = session.execute(
        sa.select(ESTIMATE.c.year, ESTIMATE.c.group, ESTIMATE.c.n)
        .where(
            ESTIMATE.c.puskesmas == device.puskesmas,
            ESTIMATE.c.area == device.area,
            ESTIMATE.c.posyandu == device.posyandu,
        )
        .order_by(ESTIMATE.c.year, ESTIMATE.c.group)
    ).all()
    return [{"year": int(r.year), "group": str(r.group), "n": int(r.n)} for r in rows]
