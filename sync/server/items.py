"""One pushed item checked on its own, before any database work: envelope, hash, typed payload.

The hash is taken over the payload exactly as received; the payload is then parsed by the typed
models of `sync.protocol` (first-schema payloads upgraded on reading) and checked against the
rules: a visit's stored classes must be the rules' own result for its inputs, a person's NIK and
No. KK must be valid. Anything refused is refused for this item alone, with a code and a message.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kader_app.core.rules.nik import parse_kk, parse_nik
from kader_app.core.rules.recheck import UNREADABLE, recheck_visit
from sync.protocol import (
    CANONICAL_ENCODER,
    REJECT_BAD_PAYLOAD,
    REJECT_HASH_MISMATCH,
    REJECT_INVALID_ITEM,
    REJECT_UNKNOWN_TYPE,
    PersonPayload,
    PushItem,
    SectionPayload,
    VisitPayload,
)
from sync.server import refusals
from sync.server.sections import UnreadableSectionError, complete_sections

ITEM_TYPES = ("person", "visit")


@dataclass(frozen=True, slots=True)
class CheckedItem:
    """A pushed item that may be stored: its typed form, and its payload's canonical JSON text.

    ``payload_json`` is the payload as received, serialised canonically once: what was hashed
    and what is stored (a first-schema payload stays in its own shape).
    """

    item: PushItem
    content_hash: str
    payload_json: str


def check_item(raw: object) -> CheckedItem | dict[str, Any]:
    """The checked item, or its rejection (an `ItemResult` as a dict)."""
    if not isinstance(raw, dict):
        return refusals.rejected("", 0, REJECT_INVALID_ITEM)
    raw_id = raw.get("id")
    item_id = raw_id if isinstance(raw_id, str) else ""
    version = raw.get("version")
    version = version if isinstance(version, int) and not isinstance(version, bool) else 0

    def reject(code: str, message: str | None = None) -> dict[str, Any]:
        return refusals.rejected(item_id, version, code, message)

    if raw.get("type") not in ITEM_TYPES:
        return reject(REJECT_UNKNOWN_TYPE)
    payload = raw.get("payload")
    if not isinstance(payload, dict) or not payload:
        return reject(REJECT_BAD_PAYLOAD, refusals.PAYLOAD_UNREADABLE)
    item: PushItem | None = None
    try:
        item = PushItem.model_validate(raw)
    except ValidationError as error:
        if not all(_in_payload(e["loc"]) for e in error.errors()):
            return reject(REJECT_INVALID_ITEM)
    except (AttributeError, LookupError, TypeError, ValueError):
        # A first-schema payload too malformed for its upgrade to read.
        pass
    if item is not None and not _envelope_ok(item):
        return reject(REJECT_INVALID_ITEM)
    claimed = raw.get("content_hash")
    if not isinstance(claimed, str):
        return reject(REJECT_INVALID_ITEM)
    # Over the payload as received: `canonical_json`, kept as text to be stored as it is.
    canonical = CANONICAL_ENCODER.encode(payload)
    actual = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    if actual != claimed.lower():
        return reject(REJECT_HASH_MISMATCH)
    if item is None:
        return reject(REJECT_BAD_PAYLOAD, refusals.PAYLOAD_UNREADABLE)
    problem = payload_problem(item.payload)
    if problem is not None:
        return reject(REJECT_BAD_PAYLOAD, problem)
    return CheckedItem(item=item, content_hash=actual, payload_json=canonical)


def _in_payload(location: tuple[int | str, ...]) -> bool:
    return bool(location) and location[0] == "payload"


def _envelope_ok(item: PushItem) -> bool:
    try:
        uuid.UUID(item.id)
    except ValueError:
        return False
    return item.base_version is None or 1 <= item.base_version < item.version


def payload_problem(payload: PersonPayload | VisitPayload) -> str | None:
    """Why a parsed payload may not be stored (the kader's message), or None when it may."""
    if isinstance(payload, PersonPayload):
        return person_problem(payload)
    return visit_problem(payload)


def person_problem(payload: PersonPayload) -> str | None:
    """An invalid NIK (its date and sex read against the person's) or No. KK."""
    if payload.nik is not None:
        nik = parse_nik(payload.nik, birth_date=payload.birth_date, sex=payload.sex)
        if not nik.valid:
            return refusals.NIK_INVALID
    if payload.kk is not None and not parse_kk(payload.kk).valid:
        return refusals.KK_INVALID
    return None


def visit_problem(payload: VisitPayload) -> str | None:
    """Stored classes the rules disagree with, or inputs and measures they cannot read."""
    problem = recheck_visit(payload)
    if problem is None:
        try:
            complete_sections(payload)
        except UnreadableSectionError as error:
            return refusals.visit_unreadable([error.section])
        return None
    if payload.measured_at.date() != payload.measured_on:
        return refusals.VISIT_DATE_MISMATCH
    # Sections are classified one by one, so each can be rechecked alone to name the culprits.
    failing = [
        code
        for code, stored in payload.sections.items()
        if recheck_visit(_only(payload, code, stored)) is not None
    ]
    if problem == UNREADABLE:
        return refusals.visit_unreadable(failing)
    return refusals.visit_mismatch(failing)


def _only(payload: VisitPayload, code: str, stored: SectionPayload) -> VisitPayload:
    sections: Mapping[str, SectionPayload] = {code: stored}
    return payload.model_copy(update={"sections": sections, "level": stored.level})
