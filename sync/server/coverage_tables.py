"""The sasaran a Puskesmas enters where a Posyandu's register is incomplete (projected population).

One number per Posyandu, year and life-cycle group; the coverage page uses it instead of the
register's count and says so. Table definition only; the migration `0006` creates it.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from sync.server.models import UTC_DATETIME, ServerTable


class SasaranEstimate(ServerTable, table=True):
    """A Puskesmas-entered sasaran of one group at one Posyandu for one year."""

    __tablename__ = "sasaran_estimate"

    puskesmas: str = Field(primary_key=True, max_length=200)
    area: str = Field(primary_key=True, max_length=200)
    posyandu: str = Field(primary_key=True, max_length=200)
    year: int = Field(primary_key=True)
    group: str = Field(primary_key=True, max_length=40)
    n: int = Field(sa_type=sa.Integer)
    entered_by: str = Field(max_length=100)
    entered_at: datetime = Field(sa_type=UTC_DATETIME)
