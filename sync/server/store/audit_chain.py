"""A device's audit chain as it arrives with its pushes: verified link by link, stored, breaks kept.

A record must follow the last one held (seq + 1, ``prev_hash`` its hash) and its own hash must
hold. A break is noted on the device (where, what, since when) and never blocks its entries.
A gap is first answered with what the server holds (a restored server lost records the laptop
thinks were sent); only the same gap sent again is a record missing on the laptop. Links sent
with hash prefixes (`OFFER_HASH_PREFIX`) are completed first: the server computes each full
hash from the fields and the full hash before it, and keeps it when the prefix matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from sync.protocol import HASH_PREFIX_HEX, AuditLink, audit_link_hash, link_is_sound
from sync.server.models import SERVER_METADATA
from sync.server.store.tables import DEVICE

LINKS = SERVER_METADATA.tables["device_audit_link"]
MAX_SEQ = 2**62


def _parsed(raw: Sequence[Any]) -> list[AuditLink]:
    links: dict[int, AuditLink] = {}
    for item in raw:
        try:
            link = AuditLink.model_validate(item, strict=True)
        except ValidationError:
            continue
        if link.seq <= MAX_SEQ:
            links.setdefault(link.seq, link)
    return [links[seq] for seq in sorted(links)]


def _completed(link: AuditLink, *, prev: str) -> AuditLink:
    """The link with its full hashes when it came with prefixes that match; else as it came.

    ``prev`` is the full hash of the record before it, as the server holds it.
    """
    update: dict[str, str] = {}
    prev_hash = link.prev_hash
    if len(prev_hash) == HASH_PREFIX_HEX and len(prev) == 64 and prev.startswith(prev_hash):
        prev_hash = update["prev_hash"] = prev
    if len(link.hash) == HASH_PREFIX_HEX:
        fields = link.model_dump(exclude={"hash", "prev_hash"})
        full = audit_link_hash(**fields, prev_hash=prev_hash)
        if full.startswith(link.hash):
            update["hash"] = full
    return link.model_copy(update=update) if update else link


def take_links(
    connection: sa.Connection, *, device_id: str, raw: Sequence[Any], now: datetime
) -> int:
    """Verify and keep the pushed links; the highest record held, to answer as `audit_seq`."""
    state = connection.execute(
        sa.select(
            DEVICE.c.audit_seq,
            DEVICE.c.audit_hash,
            DEVICE.c.audit_gap_seq,
            DEVICE.c.audit_break_seq,
        ).where(DEVICE.c.id == device_id)
    ).one()
    held, held_hash = int(state.audit_seq), str(state.audit_hash)
    links = _parsed(raw)
    if not links:
        return held
    earlier = {
        int(row.seq): str(row.hash)
        for row in connection.execute(
            sa.select(LINKS.c.seq, LINKS.c.hash).where(
                LINKS.c.device_id == device_id,
                LINKS.c.seq.in_([ln.seq for ln in links if ln.seq <= held]),
            )
        )
    }
    broken: tuple[int, str] | None = None
    gap_seq = state.audit_gap_seq
    fresh: list[dict[str, Any]] = []
    for link in links:
        if link.seq <= held:
            if link.seq in earlier and not earlier[link.seq].startswith(link.hash):
                broken = broken or (link.seq, "changed")
            continue
        link = _completed(link, prev=held_hash)
        if link.seq > held + 1:
            if gap_seq != held:
                gap_seq = held
                break
            broken = broken or (held + 1, "missing")
        elif link.prev_hash != held_hash:
            broken = broken or (link.seq, "unlinked")
        sound = link_is_sound(link)
        if not sound:
            broken = broken or (link.seq, "altered")
        fields = link.model_dump()
        # The laptop's own device id (part of the hash) is kept beside the server's id for it.
        fields["origin"] = fields.pop("device_id")
        fresh.append({**fields, "device_id": device_id, "sound": sound})
        held, held_hash = link.seq, link.hash
        gap_seq = None
    if fresh:
        connection.execute(sa.insert(LINKS), fresh)
    values: dict[str, Any] = {"audit_seq": held, "audit_hash": held_hash, "audit_gap_seq": gap_seq}
    if broken is not None and state.audit_break_seq is None:
        values.update(audit_break_seq=broken[0], audit_break_kind=broken[1], audit_break_at=now)
    connection.execute(sa.update(DEVICE).where(DEVICE.c.id == device_id).values(**values))
    return held
