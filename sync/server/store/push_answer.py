"""A push batch's answers: each item against what is stored, and the answer's JSON text.

Reads and pure work only (no writes): which versions are stored, whose area a resident is in,
and the `PushResponse` text with its receipt. No payload content in any message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import TypeAdapter

from sync.protocol import CANONICAL_ENCODER, ServerMark
from sync.server import refusals
from sync.server.items import CheckedItem
from sync.server.models import Device
from sync.server.store.tables import ENTRY, chunks, one_of


@dataclass
class Known:
    type: str
    versions: dict[int, str]
    current: int | None
    area: str | None = None


@dataclass(frozen=True, slots=True)
class PushAnswer:
    """The stored answer's JSON text, and how much of the device's audit chain is held."""

    body: str
    audit_seq: int

    def with_mark(self, mark: ServerMark) -> bytes:
        """The answer as sent: the stored JSON with the server mark and the audit position."""
        server = CANONICAL_ENCODER.encode(mark.model_dump())
        return f'{self.body[:-1]},"server":{server},"audit_seq":{self.audit_seq}}}'.encode()


def load_known(connection: sa.Connection, ids: Sequence[str]) -> dict[str, Known]:
    """Every stored (id, type, version, hash, is_current, area) of these ids: one SELECT a chunk."""
    known: dict[str, Known] = {}
    for chunk in chunks(ids):
        rows = connection.execute(
            sa.select(
                ENTRY.c.id,
                ENTRY.c.type,
                ENTRY.c.version,
                ENTRY.c.content_hash,
                ENTRY.c.is_current,
                ENTRY.c.area,
            ).where(one_of(connection, ENTRY.c.id, chunk))
        )
        for row_id, row_type, row_version, row_hash, row_current, row_area in rows:
            entry = known.setdefault(
                row_id, Known(type=row_type, versions={}, current=None, area=row_area)
            )
            entry.versions[row_version] = row_hash
            if row_current:
                entry.current = row_version
    return known


def answer_items(
    *, device: Device, checked: Sequence[CheckedItem | dict[str, Any]], known: dict[str, Known]
) -> tuple[list[dict[str, Any]], list[CheckedItem]]:
    """Each item's result against what is stored, and the items to insert."""
    results: list[dict[str, Any]] = []
    accepted: list[CheckedItem] = []
    persons = {i: k.area for i, k in known.items() if k.type == "person"}
    for entry in checked:
        if isinstance(entry, dict):
            results.append(entry)
            continue
        state = known.get(entry.id)
        if state is None:
            state = known[entry.id] = Known(type=entry.type, versions={}, current=None)
        if state.type != entry.type:
            results.append(refusals.rejected(entry.id, entry.version, refusals.TYPE_MISMATCH))
            continue
        if state.area is not None and state.area != device.area:
            # A device writes only inside its own area; anything else would move a resident
            # out of the area that follows them up.
            results.append(refusals.rejected(entry.id, entry.version, refusals.WRONG_AREA))
            continue
        resident_area = persons.get(entry.person_id)
        if entry.type == "visit" and resident_area is not None and resident_area != device.area:
            results.append(
                refusals.rejected(
                    entry.id, entry.version, refusals.WRONG_AREA, refusals.WRONG_AREA_PERSON
                )
            )
            continue
        latest = max(state.versions) if state.versions else None
        if entry.version in state.versions:
            if state.versions[entry.version] == entry.content_hash:
                results.append(refusals.item_result(entry.id, entry.version, "duplicate"))
            else:
                results.append(refusals.conflict(entry.id, entry.version, server_version=latest))
            continue
        if latest is not None and entry.version > latest and entry.base_version != latest:
            results.append(refusals.conflict(entry.id, entry.version, server_version=latest))
            continue
        # Older missing versions (a server restored from backup) are kept as history.
        state.versions[entry.version] = entry.content_hash
        if entry.type == "person":
            state.area = device.area
            persons[entry.id] = device.area
        accepted.append(entry)
        results.append(refusals.item_result(entry.id, entry.version, "accepted"))
    return results, accepted


_DATETIME_JSON: TypeAdapter[datetime] = TypeAdapter(datetime)


def answer_json(
    *, device_id: str, batch_id: str, results: Sequence[dict[str, Any]], now: datetime
) -> str:
    """The `PushResponse` JSON, its results serialised once for both the body and the receipt.

    The receipt is the sha256 of `canonical_json({"device_id", "batch_id", "results"})`; with
    sorted keys that is the batch id, the device id and the results' canonical JSON, in that
    order, so the results' text is reused in the body instead of serialising them twice.
    """
    results_json = CANONICAL_ENCODER.encode(results)
    batch_json = CANONICAL_ENCODER.encode(batch_id)
    device_json = CANONICAL_ENCODER.encode(device_id)
    signed = f'{{"batch_id":{batch_json},"device_id":{device_json},"results":{results_json}}}'
    receipt = hashlib.sha256(signed.encode("utf-8")).hexdigest()
    server_time = CANONICAL_ENCODER.encode(_DATETIME_JSON.dump_python(now, mode="json"))
    return (
        f'{{"batch_id":{batch_json},"results":{results_json},'
        f'"server_time":{server_time},"receipt":"{receipt}"}}'
    )


def pre_serialised(column: sa.Column[Any], key: str, dialect: str) -> sa.ColumnElement[Any]:
    """A bound JSON text for a JSON column, so the column type does not serialise it again."""
    value = sa.bindparam(key, type_=sa.Text())
    # PostgreSQL needs the text cast to json; SQLite stores JSON as text anyway.
    return sa.cast(value, column.type) if dialect == "postgresql" else value
