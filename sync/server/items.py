"""One pushed item checked on its own, before any database work: envelope, size, hash, payload.

The envelope is read strictly (an integer is an integer, times within the years kept); the hash
is taken over the payload exactly as received; the payload is parsed by the typed models of
`sync.protocol` in strict mode (first-schema payloads upgraded on reading) and checked against
the rules (`payload_checks`). Anything refused is refused for this item alone, with a code.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.protocol import (
    CANONICAL_ENCODER,
    HASH_PREFIX_HEX,
    REJECT_BAD_PAYLOAD,
    REJECT_HASH_MISMATCH,
    REJECT_INVALID_ITEM,
    REJECT_UNKNOWN_TYPE,
    PersonPayload,
    VisitPayload,
)
from sync.server import refusals
from sync.server.bodies import UnreadableItem
from sync.server.envelopes import MAX_VERSION, iso_time
from sync.server.payload_checks import payload_problem
from sync.server.strict_payloads import parse_payload

ITEM_TYPES = ("person", "visit")
# One item's payload as canonical JSON; the largest real visit is a few kilobytes.
MAX_ITEM_BYTES = 64 * 1024
# The full sha256, or its first `HASH_PREFIX_HEX` hex digits (`OFFER_HASH_PREFIX`): the server
# hashes the payload itself either way and stores its own full hash.
_CLAIMED_HASH = re.compile(rf"[0-9a-fA-F]{{64}}|[0-9a-fA-F]{{{HASH_PREFIX_HEX}}}")


@dataclass(frozen=True, slots=True)
class CheckedItem:
    """A pushed item that may be stored: its envelope, typed payload and canonical JSON text.

    ``payload_json`` is the payload as received, serialised canonically once: what was hashed
    and what is stored (a first-schema payload stays in its own shape).
    """

    id: str
    type: str
    version: int
    base_version: int | None
    recorded_at: datetime
    content_hash: str
    payload_json: str
    payload: PersonPayload | VisitPayload

    @property
    def person_id(self) -> str:
        """The resident this item is about (a person's own id, a visit's person)."""
        if isinstance(self.payload, VisitPayload):
            return self.payload.person_id
        return self.id


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_VERSION:
        return value
    return None


def _uuid(value: object) -> str | None:
    if not isinstance(value, str) or len(value) != 36:
        return None
    try:
        uuid.UUID(value)
    except ValueError:
        return None
    return value


def check_item(raw: object) -> CheckedItem | dict[str, Any]:
    """The checked item, or its rejection (an `ItemResult` as a dict)."""
    if isinstance(raw, UnreadableItem):
        return refusals.rejected(raw.id, raw.version, REJECT_INVALID_ITEM)
    if not isinstance(raw, dict):
        return refusals.rejected("", 0, REJECT_INVALID_ITEM)
    item_id = _uuid(raw.get("id"))
    version = _int(raw.get("version"))

    def reject(code: str, message: str | None = None) -> dict[str, Any]:
        return refusals.rejected(item_id or "", version or 0, code, message)

    kind = raw.get("type")
    if kind not in ITEM_TYPES:
        return reject(REJECT_UNKNOWN_TYPE)
    assert isinstance(kind, str)
    base = raw.get("base_version")
    base_version = _int(base)
    claimed = raw.get("content_hash")
    try:
        recorded_at = iso_time(raw.get("recorded_at"))
    except ValueError:
        return reject(REJECT_INVALID_ITEM)
    if (
        item_id is None
        or version is None
        or (base is not None and (base_version is None or base_version >= version))
        or not isinstance(claimed, str)
        or not _CLAIMED_HASH.fullmatch(claimed)
    ):
        return reject(REJECT_INVALID_ITEM)
    payload = raw.get("payload")
    if not isinstance(payload, dict) or not payload:
        return reject(REJECT_BAD_PAYLOAD, refusals.PAYLOAD_UNREADABLE)
    # Over the payload as received: `canonical_json`, kept as text to be stored as it is.
    canonical = CANONICAL_ENCODER.encode(payload)
    encoded = canonical.encode("utf-8")
    if len(encoded) > MAX_ITEM_BYTES:
        return reject(refusals.TOO_LARGE)
    actual = hashlib.sha256(encoded).hexdigest()
    if not actual.startswith(claimed.lower()):
        return reject(REJECT_HASH_MISMATCH)
    if payload.get("type", kind) != kind:
        return reject(REJECT_INVALID_ITEM)
    parsed = parse_payload(kind, payload, canonical)
    if parsed is None:
        return reject(REJECT_BAD_PAYLOAD, refusals.PAYLOAD_UNREADABLE)
    names = parsed.visit_key if isinstance(parsed, VisitPayload) else parsed.id
    if names != item_id:
        return reject(REJECT_INVALID_ITEM)
    problem = payload_problem(parsed)
    if problem is not None:
        return reject(REJECT_BAD_PAYLOAD, problem)
    return CheckedItem(
        id=item_id,
        type=kind,
        version=version,
        base_version=base_version,
        recorded_at=recorded_at,
        content_hash=actual,
        payload_json=canonical,
        payload=parsed,
    )
