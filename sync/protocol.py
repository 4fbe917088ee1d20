"""Sync protocol v1: the wire models and hashing rules shared by the app and the Puskesmas server.

A leaf module: it imports only pydantic and the standard library, never the app or the server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1

ENROLL_PATH = "/api/v1/devices/enroll"
PUSH_PATH = "/api/v1/sync/push"
PULL_PATH = "/api/v1/sync/pull"
RECONCILE_PATH = "/api/v1/sync/reconcile"
HEALTH_PATH = "/api/v1/health"

ItemType = Literal["person", "visit"]
ItemStatus = Literal["accepted", "duplicate", "rejected", "conflict"]

# Reasons a pushed item is rejected (`ItemResult.code`); the message beside it is for the kader.
REJECT_UNKNOWN_TYPE = "unknown_type"
REJECT_INVALID_ITEM = "invalid_item"
REJECT_HASH_MISMATCH = "hash_mismatch"
REJECT_BAD_PAYLOAD = "bad_payload"


# Built once: `json.dumps` with these options would build a new encoder on every call.
CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(payload: dict[str, Any]) -> bytes:
    """The bytes `content_hash` is taken over: sorted keys, no spaces, UTF-8, no ASCII escaping."""
    return CANONICAL_ENCODER.encode(payload).encode("utf-8")


def content_hash(payload: dict[str, Any]) -> str:
    """sha256 hex of the canonical JSON of a payload."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def day_digest(pairs: Iterable[tuple[str, str]]) -> str:
    """sha256 hex of the sorted `id:content_hash` lines (joined by newlines) of one day's items."""
    lines = sorted(f"{item_id}:{item_hash}" for item_id, item_hash in pairs)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class EnrollRequest(BaseModel):
    """`POST /api/v1/devices/enroll`: a one-time code from the Puskesmas admin."""

    code: str
    device_name: str


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    posyandu: str
    area: str


class PushItem(BaseModel):
    """One version of one record. `(id, version)` is the idempotency key.

    A person edit keeps the id, with `version + 1` and `base_version` = the version it edits.
    A visit correction is a new id whose payload names the replaced visit id.
    """

    id: str
    type: ItemType
    version: int = Field(ge=1)
    base_version: int | None = None
    content_hash: str
    recorded_at: datetime
    payload: dict[str, Any]


class PushRequest(BaseModel):
    """`POST /api/v1/sync/push`, body gzip JSON, bearer token."""

    batch_id: str
    device_id: str
    app_version: str
    protocol_version: int
    client_time: datetime
    items: list[PushItem]
    # Entries still waiting on the laptop after this batch; the dashboard shows it per device.
    pending_count: int | None = None


class ItemResult(BaseModel):
    """One pushed item's answer: `code`/`message` for rejects, `server_version` for conflicts."""

    id: str
    version: int
    status: ItemStatus
    code: str | None = None
    message: str | None = None
    server_version: int | None = None


class PushResponse(BaseModel):
    batch_id: str
    results: list[ItemResult]
    server_time: datetime
    # sha256 hex over the batch id and its results: what the server committed to.
    receipt: str


class PulledPerson(BaseModel):
    """The shape of each dict in `PullResponse.people`: the current version of a person."""

    id: str
    version: int
    content_hash: str
    payload: dict[str, Any]


class PulledFollowUp(BaseModel):
    """The shape of each dict in `PullResponse.followups`: a Puskesmas referral follow-up."""

    id: str
    person_id: str | None = None
    visit_id: str | None = None
    outcome: str
    note: str = ""
    recorded_at: datetime


class PullResponse(BaseModel):
    """`GET /api/v1/sync/pull?cursor=…&limit=…`: changes of the device's area after the cursor.

    The cursor is opaque. `must_resync` means the cursor is not from this server (or this copy of
    its database): drop it and pull again from no cursor.
    """

    people: list[dict[str, Any]]
    followups: list[dict[str, Any]]
    cursor: str
    must_resync: bool = False
    has_more: bool = False
    server_time: datetime


class ReconcileDay(BaseModel):
    """One day (UTC date of `recorded_at`) of items the device holds as acknowledged.

    `digest` is `day_digest` over the (id, content_hash) of every acknowledged version that day.
    `ids` is empty on the first call; for days the server names in `missing_days` the client
    sends them again with `ids` = the `id:content_hash` lines (plain ids are accepted too).
    """

    day: date
    count: int
    digest: str
    ids: list[str] = Field(default_factory=list)


class ReconcileRequest(BaseModel):
    """`POST /api/v1/sync/reconcile`."""

    device_id: str
    days: list[ReconcileDay]


class ReconcileResponse(BaseModel):
    """Days whose count/digest differ (send their ids), and record ids the server lacks (resend)."""

    missing_days: list[date] = Field(default_factory=list)
    missing_ids: list[str] = Field(default_factory=list)


class HealthResponse(BaseModel):
    status: Literal["ok"]
    server_time: datetime


class ErrorResponse(BaseModel):
    """Body of every non-200 answer (401, 403, 413, 426, 429, 503)."""

    detail: str
