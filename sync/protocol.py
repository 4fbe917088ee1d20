"""Sync protocol v1: the wire models, the typed payloads and the hashing rules of both sides.

A leaf module: it imports only pydantic and the standard library, never the app or the server.
Every payload is built through these models (``PersonPayload``, ``VisitPayload``) and hashed by
one function, ``content_hash``; payloads of the first schema are upgraded when they are read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    field_serializer,
    model_validator,
)

PROTOCOL_VERSION = 1
SCHEMA_VERSION: Final = 2
"""Version of the payload shapes below; payloads without one are the first schema (1)."""

ENROLL_PATH = "/api/v1/devices/enroll"
PUSH_PATH = "/api/v1/sync/push"
PULL_PATH = "/api/v1/sync/pull"
RECONCILE_PATH = "/api/v1/sync/reconcile"
RECOVERY_KEY_PATH = "/api/v1/devices/recovery-key"
HEALTH_PATH = "/api/v1/health"
# On a 503: the server's writer queue was too long, nothing was stored; send again after
# Retry-After (the engine waits that out within the same attempt).
BUSY_HEADER = "X-Sync-Busy"

# Wire encodings beyond the gzip JSON every server and client speaks (docs/sync-protocol.md,
# "Wire encodings"). The server names what it accepts in this header on every sync API answer;
# a client uses an offer only after it saw it, so an old server keeps getting what it knows.
OFFERS_HEADER: Final = "Sync-Offers"
# Request bodies may be `Content-Encoding: zstd` (one frame; limits apply to the inflated body).
OFFER_ZSTD: Final = "zstd"
# `PushItem.content_hash`, and an `AuditLink`'s `hash` and `prev_hash`, may be their first
# `HASH_PREFIX_HEX` hex digits: the server computes the full hashes itself (the canonical JSON
# of the payload; the link's fields and the full hash before it), compares the prefixes, and
# stores its own full hashes, which are the laptop's (the same function over the same bytes).
OFFER_HASH_PREFIX: Final = "hash-prefix"
HASH_PREFIX_HEX: Final = 16
# A push sent with `Prefer: return=minimal` is answered with only the items that were not
# accepted in `results`, and `rest: "accepted"` for all the others (any server may ignore it).
PREFER_MINIMAL: Final = "return=minimal"

ItemType = Literal["person", "visit"]
ItemStatus = Literal["accepted", "duplicate", "rejected", "conflict"]
LevelCode = Literal["none", "monitor", "refer", "urgent"]
SexCode = Literal["L", "P"]
PlaceCode = Literal["posyandu", "kunjungan_rumah"]
SectionStateCode = Literal["incomplete", "complete"]

# Reasons a pushed item is rejected (`ItemResult.code`); the message beside it is for the kader.
REJECT_UNKNOWN_TYPE = "unknown_type"
REJECT_INVALID_ITEM = "invalid_item"
REJECT_HASH_MISMATCH = "hash_mismatch"
REJECT_BAD_PAYLOAD = "bad_payload"

_LEVEL_RANK = {"none": 0, "monitor": 1, "refer": 2, "urgent": 3}


# Built once: `json.dumps` with these options would build a new encoder on every call.
CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def jsonable(value: object) -> Any:
    """A JSON-safe copy of ``value``: sets sorted, tuples as lists, Decimals as numbers."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else float(value)
        )
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    raise TypeError(f"not storable as JSON: {type(value).__name__}")


def canonical_json(payload: Mapping[str, Any]) -> bytes:
    """The bytes `content_hash` is taken over: sorted keys, no spaces, UTF-8, no ASCII escaping."""
    return CANONICAL_ENCODER.encode(payload).encode("utf-8")


def content_hash(payload: Mapping[str, Any]) -> str:
    """sha256 hex of the canonical JSON of a payload."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def day_digest(pairs: Iterable[tuple[str, str]]) -> str:
    """sha256 hex of the sorted `id:content_hash` lines (joined by newlines) of one day's items."""
    lines = sorted(f"{item_id}:{item_hash}" for item_id, item_hash in pairs)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


ShortText = Annotated[str, Field(max_length=200)]
Code = Annotated[str, Field(min_length=1, max_length=64)]
Identifier = Annotated[str, Field(min_length=1, max_length=64)]


class ReasonPayload(_Wire):
    code: Code
    params: dict[str, JsonValue] = Field(default_factory=dict)


class SectionPayload(_Wire):
    """One asked section of a visit: its inputs as typed, and, when complete, its class.

    ``inputs`` is the section's own input model in its JSON form (the rules parse it);
    ``class`` and ``level`` are present exactly when ``state`` is ``complete``.
    """

    state: SectionStateCode
    inputs: dict[str, JsonValue]
    class_code: Code | None = Field(default=None, alias="class")
    level: LevelCode | None = None
    reasons: list[ReasonPayload] = Field(default_factory=list)
    values: dict[str, JsonValue] = Field(default_factory=dict)
    rules_version: Code

    @model_validator(mode="after")
    def _class_when_complete(self) -> SectionPayload:
        complete = self.state == "complete"
        if complete != (self.class_code is not None) or complete != (self.level is not None):
            raise ValueError("a complete section has a class and a level, and only it")
        return self


class SubjectPayload(_Wire):
    """What the rules knew of the person (never a name or NIK)."""

    sex: SexCode
    birth_date: date | None
    pregnant: bool = False


class RuleSettingsPayload(_Wire):
    bp_scheme: Literal["ilp", "jnc7"] = "ilp"
    bmi_scheme: Literal["asia_pacific", "kemenkes_nasional"] = "asia_pacific"
    tb_cough_min_days: int = Field(default=0, ge=0, le=365)


class VisitPayload(_Wire):
    """One version of one visit, as stored on the laptop and sent to the Puskesmas.

    Sections are keyed by their stable code; a section not asked is absent. ``level`` is the
    highest level of the complete sections (``None`` when none is complete).
    """

    type: Literal["visit"] = "visit"
    schema_version: Literal[2] = 2
    id: Identifier
    visit_key: Identifier
    version: int = Field(ge=1)
    replaces_id: Identifier | None = None
    person_id: Identifier
    measured_at: datetime
    measured_at_utc: datetime
    measured_on: date
    place: PlaceCode
    recorded_by: ShortText = ""
    voided: bool = False
    void_reason: ShortText | None = None
    subject: SubjectPayload
    settings: RuleSettingsPayload = Field(default_factory=RuleSettingsPayload)
    rules_version: Code
    level: LevelCode | None
    sections: dict[Code, SectionPayload]

    @field_serializer("measured_at")
    def _keep_local_offset(self, value: datetime) -> str:
        # The local time with its own offset, exactly as measured: never converted.
        return value.isoformat()

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        # The first schema had no schema_version, and its results under "evaluation".
        if isinstance(data, Mapping) and "schema_version" not in data and "evaluation" in data:
            return upgrade_visit_v1(data)
        return data

    @model_validator(mode="after")
    def _level_of_sections(self) -> VisitPayload:
        expected = _level_of(s.level for s in self.sections.values())
        if self.level != expected:
            raise ValueError("the visit level is not the highest level of its sections")
        return self


class PersonPayload(_Wire):
    """One version of one resident."""

    type: Literal["person"] = "person"
    schema_version: Literal[2] = 2
    id: Identifier
    version: int = Field(ge=1)
    name: Annotated[str, Field(min_length=1, max_length=200)]
    sex: SexCode
    birth_date: date
    nik: Annotated[str, Field(pattern=r"^[0-9]{16}$")] | None = None
    kk: Annotated[str, Field(pattern=r"^[0-9]{16}$")] | None = None
    dusun: ShortText = ""
    rt: Annotated[str, Field(max_length=10)] = ""
    rw: Annotated[str, Field(max_length=10)] = ""
    desa: ShortText = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    # The current pregnancy (HPHT and, once known, its end), the mother of a child, the child's
    # Buku KIA; absent in payloads made before the life-cycle sections.
    pregnancy_start: date | None = None
    pregnancy_end: date | None = None
    mother_id: Identifier | None = None
    kia_book: bool = False
    # The profile on duty that saved this version; absent before kader profiles.
    recorded_by: ShortText = ""
    created_at: datetime
    updated_at: datetime

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "schema_version" not in data:
            return {**data, "type": "person", "schema_version": SCHEMA_VERSION}
        return data


Payload = Annotated[PersonPayload | VisitPayload, Field(discriminator="type")]


def payload_json(payload: PersonPayload | VisitPayload) -> dict[str, Any]:
    """The one JSON form of a payload: what is stored, hashed and sent."""
    return payload.model_dump(mode="json", by_alias=True)


def _level_of(levels: Iterable[str | None]) -> str | None:
    known = [level for level in levels if level in _LEVEL_RANK]
    return max(known, key=_LEVEL_RANK.__getitem__) if known else None


# The first schema stored each section's inputs in one object per panel, and gave a result for
# a TBC form nobody opened (cough false and nothing ticked): that was never asked.
_V1_TB_UNTOUCHED = {"cough": False, "cough_days": 0, "symptoms": [], "contact": "none"}
_V1_DERIVED_RISKS = {"age_over_65", "pregnancy"}
_V1_INCOMPLETE = {"belum_lengkap", "not_classified"}


def _v1_inputs(inputs: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each first-schema section's inputs in the current shape (not-asked sections left out)."""
    out: dict[str, dict[str, Any]] = {}
    body = inputs.get("anthropometry") or {}
    if body.get("weight_kg") is not None or body.get("height_cm") is not None:
        out["bmi"] = {"weight_kg": body.get("weight_kg"), "height_cm": body.get("height_cm")}
    if body.get("waist_cm") is not None:
        out["waist"] = {"waist_cm": body["waist_cm"]}
    bp = inputs.get("blood_pressure")
    if bp and bp.get("readings"):
        out["blood_pressure"] = {
            "readings": [{"systolic": r[0], "diastolic": r[1]} for r in bp["readings"]]
        }
    glucose = inputs.get("glucose")
    if glucose and str(glucose.get("value") or "").strip():
        out["glucose"] = {
            "value": glucose.get("value"),
            "kind": glucose.get("kind"),
            "hypo_symptoms": bool(glucose.get("hypo_symptoms", False)),
            "unit": glucose.get("unit", "mg/dL"),
        }
    tb = inputs.get("tb")
    if tb is not None:
        untouched = (
            all(tb.get(k, v) == v for k, v in _V1_TB_UNTOUCHED.items())
            and set(tb.get("risks") or []) <= _V1_DERIVED_RISKS
        )
        if not untouched:
            out["tb"] = {
                "cough": bool(tb.get("cough", False)),
                "cough_days": tb.get("cough_days") if tb.get("cough") else None,
                "symptoms": sorted(tb.get("symptoms") or []),
                "contact": tb.get("contact", "none"),
                "risks": sorted(set(tb.get("risks") or []) - _V1_DERIVED_RISKS),
            }
    srq = inputs.get("srq20")
    if srq and (srq.get("items") or srq.get("answers")):
        items = srq.get("items") or []
        out["srq20"] = {"answers": {i["key"]: bool(i["answer"]) for i in items}}
    return out


def _v1_settings(sections: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for result in sections:
        values = result.get("values") or {}
        if result.get("section") == "blood_pressure" and values.get("scheme") in ("ilp", "jnc7"):
            settings["bp_scheme"] = values["scheme"]
        if result.get("section") == "bmi" and values.get("scheme") in (
            "asia_pacific",
            "kemenkes_nasional",
        ):
            settings["bmi_scheme"] = values["scheme"]
        for reason in result.get("reasons") or []:
            days = (reason.get("params") or {}).get("min_days")
            if isinstance(days, int) and not isinstance(days, bool) and days >= 0:
                settings["tb_cough_min_days"] = days
    return settings


def upgrade_visit_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """A first-schema visit payload in the current shape; its stored classes are kept as they were.

    A section with no inputs was not asked and is left out (an untouched TBC form included);
    an unfinished SRQ-20 (``belum_lengkap``) and a section not classified for the person's age
    become incomplete; the visit's level is the highest of the complete sections.
    """
    inputs = data.get("inputs") or {}
    evaluation = data.get("evaluation") or {}
    version = evaluation.get("rules_version") or ""
    results = list(evaluation.get("sections") or [])
    typed = _v1_inputs(inputs)
    sections: dict[str, dict[str, Any]] = {}
    for result in results:
        code = result.get("section")
        if code not in typed:
            continue
        complete = result.get("code") not in _V1_INCOMPLETE
        sections[code] = {
            "state": "complete" if complete else "incomplete",
            "inputs": typed[code],
            "class": result.get("code") if complete else None,
            "level": result.get("level") if complete else None,
            "reasons": list(result.get("reasons") or []),
            "values": dict(result.get("values") or {}),
            "rules_version": version,
        }
    for code, section_inputs in typed.items():
        sections.setdefault(
            code,
            {"state": "incomplete", "inputs": section_inputs, "rules_version": version},
        )
    upgraded = {
        key: data.get(key)
        for key in (
            "id",
            "visit_key",
            "version",
            "replaces_id",
            "person_id",
            "measured_at",
            "measured_at_utc",
            "place",
            "recorded_by",
            "voided",
            "void_reason",
        )
    }
    upgraded.update(
        type="visit",
        schema_version=SCHEMA_VERSION,
        measured_on=inputs.get("measured_on"),
        subject={"sex": inputs.get("sex"), "birth_date": inputs.get("birth_date")},
        settings=_v1_settings(results),
        rules_version=version,
        level=_level_of(s.get("level") for s in sections.values()),
        sections=sections,
    )
    return upgraded


class AuditLink(_Wire):
    """One record of a device's audit trail, chained to the one before by ``prev_hash``.

    Kinds and ids only, never health data. ``hash`` is `audit_link_hash` of the other fields;
    the first record of a device has an empty ``prev_hash``. An edited or missing record breaks
    the chain, which the server shows for that device.
    """

    seq: int = Field(ge=1)
    at: str = Field(max_length=40)
    kind: Code
    entity_type: Code
    entity_id: Annotated[str, Field(max_length=100)]
    device_id: Annotated[str, Field(max_length=64)]
    detail: Annotated[str, Field(max_length=200)] = ""
    prev_hash: Annotated[str, Field(max_length=64)] = ""
    # 64 hex digits; on the wire to a server offering `OFFER_HASH_PREFIX`, both hashes may be
    # their first `HASH_PREFIX_HEX` digits (the server computes and keeps the full ones).
    hash: Annotated[str, Field(min_length=HASH_PREFIX_HEX, max_length=64)]


def audit_link_hash(
    *,
    seq: int,
    at: str,
    kind: str,
    entity_type: str,
    entity_id: str,
    device_id: str,
    detail: str,
    prev_hash: str,
) -> str:
    """sha256 hex of the canonical JSON of one audit record's fields and its predecessor's hash."""
    return content_hash(
        {
            "seq": seq,
            "at": at,
            "kind": kind,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "device_id": device_id,
            "detail": detail,
            "prev_hash": prev_hash,
        }
    )


def link_is_sound(link: AuditLink) -> bool:
    """Whether the record's hash is the hash of its own fields."""
    return link.hash == audit_link_hash(**link.model_dump(exclude={"hash"}))


class EnrollRequest(BaseModel):
    """`POST /api/v1/devices/enroll`: a one-time code from the Puskesmas admin.

    ``recovery_key`` is deposited with the Puskesmas: with it, the laptop's database can be
    opened when every kader's PIN is lost (docs/recovery.md).
    """

    code: str
    device_name: str
    recovery_key: str | None = Field(default=None, max_length=64)


class RecoveryKeyRequest(BaseModel):
    """`POST /api/v1/devices/recovery-key`: an enrolled laptop deposits its recovery key.

    For a laptop enrolled before its kader had profiles (the key is made with the first
    profile); the answer is `RecoveryKeyResponse`.
    """

    recovery_key: str = Field(min_length=1, max_length=64)


class RecoveryKeyResponse(BaseModel):
    deposited: bool


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    posyandu: str
    area: str
    # The server's public keys (base64): the one transfer files are sealed to, and the one that
    # signs their receipts (`sync.transfer`). Absent from servers without file transfer.
    box_key: str | None = None
    sign_key: str | None = None


class PushItem(BaseModel):
    """One version of one record. `(id, version)` is the idempotency key.

    A person edit keeps the id, with `version + 1` and `base_version` = the version it edits.
    A visit correction is a new id whose payload names the replaced visit id. `payload` is typed
    (a discriminated union on `type`, old schemas upgraded on reading); the payload as it was
    stored or received is kept beside it and is what gets hashed and sent again, byte for byte.
    """

    id: str
    type: ItemType
    version: int = Field(ge=1)
    base_version: int | None = None
    content_hash: str
    recorded_at: datetime
    payload: Payload
    _raw_payload: dict[str, Any] | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw_payload(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        raw = data.get("payload") if isinstance(data, Mapping) else None
        if (
            isinstance(raw, Mapping)
            and "type" not in raw
            and data.get("type") in ("person", "visit")
        ):
            # First-schema payloads carry no type of their own: the item's type names it.
            data = {**data, "payload": {**raw, "type": data["type"]}}
        item = handler(data)
        if isinstance(raw, Mapping):
            item._raw_payload = dict(raw)
        if item.type != item.payload.type:
            raise ValueError("the item's type and its payload's type differ")
        return item

    @field_serializer("payload", mode="wrap")
    def _send_as_received(
        self,
        value: Any,
        handler: SerializerFunctionWrapHandler,
        info: SerializationInfo,  # noqa: ARG002 - pydantic passes it
    ) -> Any:
        if self._raw_payload is not None:
            return self._raw_payload
        return handler(value)

    @property
    def raw_payload(self) -> dict[str, Any]:
        """The payload exactly as stored or received: the bytes `content_hash` covers."""
        if self._raw_payload is not None:
            return self._raw_payload
        return payload_json(self.payload)


class PushRequest(BaseModel):
    """`POST /api/v1/sync/push`, body gzip or zstd JSON (`OFFER_ZSTD`), bearer token."""

    batch_id: str
    device_id: str
    app_version: str
    protocol_version: int
    client_time: datetime
    items: list[PushItem]
    # Entries still waiting on the laptop after this batch; the dashboard shows it per device.
    pending_count: int | None = None
    # The device's audit trail after the last record the server acknowledged (oldest first).
    audit: list[AuditLink] = Field(default_factory=list)


class ItemResult(BaseModel):
    """One pushed item's answer: `code`/`message` for rejects, `server_version` for conflicts."""

    id: str
    version: int
    status: ItemStatus
    code: str | None = None
    message: str | None = None
    server_version: int | None = None


class ServerMark(BaseModel):
    """Which copy of the server database answered, and how far its entries go.

    ``database_id`` is made when the database is created and made anew when the server finds
    it was restored; ``sequence`` is the highest entry sequence number it holds. A device that
    sees either change backwards (another id, or a lower sequence than it saw before) knows the
    server lost entries, and reconciles at once.
    """

    database_id: str = Field(min_length=1, max_length=64)
    sequence: int = Field(ge=0)


class PushResponse(BaseModel):
    """The answer to a push: a result per item, or (``rest`` set) only the exceptions.

    With ``rest`` (the client asked `PREFER_MINIMAL`), ``results`` lists only the items that
    were not accepted, and every other item of the batch was; the receipt is over the full
    results either way.
    """

    batch_id: str
    results: list[ItemResult]
    server_time: datetime
    # sha256 hex over the batch id and its results: what the server committed to.
    receipt: str
    server: ServerMark | None = None
    # The highest audit record of this device the server holds with its chain unbroken.
    audit_seq: int | None = None
    rest: Literal["accepted"] | None = None


class PulledPerson(BaseModel):
    """The shape of each dict in `PullResponse.people`: the current version of a person."""

    id: str
    version: int
    content_hash: str
    payload: PersonPayload


class PulledFollowUp(BaseModel):
    """The shape of each dict in `PullResponse.followups`: a Puskesmas referral follow-up."""

    id: str
    person_id: str | None = None
    visit_id: str | None = None
    outcome: str
    note: str = ""
    recorded_at: datetime


class PulledEstimate(BaseModel):
    """A sasaran the Puskesmas entered for the device's own Posyandu: one group in one year.

    ``group`` is a life-cycle group code (``balita``, ``ibu_hamil``, ``usia_produktif``,
    ``lansia``, …); a code the laptop does not count is kept and ignored, never refused.
    """

    year: int = Field(ge=2000, le=2199)
    group: Code
    n: int = Field(ge=0)


class PullResponse(BaseModel):
    """`GET /api/v1/sync/pull?cursor=…&limit=…`: changes of the device's area after the cursor.

    The cursor is opaque. `must_resync` means the cursor is not from this server (or this copy of
    its database): drop it and pull again from no cursor.

    `estimates` is every sasaran estimate the Puskesmas holds for the device's Posyandu, every
    year, whole on each page: the laptop replaces its own set with it (one removed on the server
    goes). A server that does not send them leaves it out (None), and the laptop keeps its set.
    """

    people: list[dict[str, Any]]
    followups: list[dict[str, Any]]
    cursor: str
    must_resync: bool = False
    has_more: bool = False
    server_time: datetime
    server: ServerMark | None = None
    estimates: list[PulledEstimate] | None = None


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
    server: ServerMark | None = None


class HealthResponse(BaseModel):
    status: Literal["ok"]
    server_time: datetime
