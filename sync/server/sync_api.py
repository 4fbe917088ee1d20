"""The sync API the kader's laptops call: health, enrol, push, pull, reconcile (one `APIRouter`).

Thin handlers: they parse strictly, authenticate and call `store`; they hold no queries and log
no body. Every push, pull and reconcile answer carries the database's `ServerMark`.
"""

from __future__ import annotations

import gzip
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from sync.protocol import (
    ENROLL_PATH,
    HEALTH_PATH,
    OFFER_ZSTD,
    PREFER_MINIMAL,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    RECONCILE_PATH,
    RECOVERY_KEY_PATH,
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
    RecoveryKeyRequest,
    RecoveryKeyResponse,
)
from sync.server import store
from sync.server.bodies import (
    MAX_ITEMS_PER_BATCH,
    RawBodyDep,
    decode_body,
    decode_push,
    too_large,
)
from sync.server.deps import DeviceDep, SessionDep, parse_body
from sync.server.envelopes import EnrollBody, PushEnvelope, ReconcileBody, RecoveryKeyBody
from sync.server.times import now_utc
from sync.wire import ANSWER_LEVEL, zstd_compress

BAD_CODE = "Kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa."
WRONG_DEVICE = "device_id tidak sesuai dengan token perangkat."
OLD_PROTOCOL = "Versi protokol tidak didukung. Mohon perbarui aplikasi."

router = APIRouter()
GZIP_LEVEL = 6

# Answers at least this long go gzip'd to a client that accepts it (a push answer for 500
# items is ~55 KiB of JSON, a pull page of 1,000 residents ~500 KiB).
GZIP_MIN_BYTES = 1024


def _accepted_codings(request: Request) -> set[str]:
    """The content codings named in `Accept-Encoding`, less any refused with ``q=0``."""
    codings: set[str] = set()
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        name, _, params = part.partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        codings.add(name.strip())
    return codings


def _json_answer(request: Request, content: bytes) -> Response:
    """The JSON answer, zstd or gzip when the client accepts it (zstd first), plain otherwise."""
    accepted = _accepted_codings(request)
    if OFFER_ZSTD in accepted and OFFER_ZSTD in request.app.state.offers:
        # Even short answers: a minimal push answer is a few hundred bytes that zstd halves.
        encoded, coding = zstd_compress(content, level=ANSWER_LEVEL), "zstd"
    elif len(content) >= GZIP_MIN_BYTES and "gzip" in accepted:
        encoded, coding = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0), "gzip"
    else:
        return Response(content=content, media_type="application/json")
    return Response(
        content=encoded,
        media_type="application/json",
        headers={"Content-Encoding": coding, "Vary": "Accept-Encoding"},
    )


def _minimal(answer: bytes) -> bytes:
    """A push answer listing only the items not accepted, with ``rest: accepted`` for the others.

    The receipt stays the one over the full results (the stored answer is never changed).
    """
    data = json.loads(answer)
    data["results"] = [r for r in data["results"] if r["status"] != "accepted"]
    data["rest"] = "accepted"
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def _inline(node: Any, defs: dict[str, Any], depth: int = 0) -> Any:
    """``node`` with every ``#/$defs/…`` reference replaced by its definition."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and depth < 12:
            return _inline(defs[ref.removeprefix("#/$defs/")], defs, depth + 1)
        return {k: _inline(v, defs, depth) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs, depth) for v in node]
    return node


def _body_schema(model: type[Any]) -> dict[str, Any]:
    """OpenAPI for a body the handler reads itself (gzip or plain JSON of ``model``)."""
    schema = model.model_json_schema()
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline(schema, schema.get("$defs", {}))}},
        }
    }


@router.get(HEALTH_PATH, response_model=HealthResponse)
def health(session: SessionDep) -> HealthResponse:
    store.health_check(session)
    return HealthResponse(status="ok", server_time=now_utc())


@router.post(ENROLL_PATH, response_model=EnrollResponse, openapi_extra=_body_schema(EnrollRequest))
def enroll(session: SessionDep, body: RawBodyDep) -> EnrollResponse:
    request: EnrollBody = parse_body(EnrollBody, decode_body(body))
    answer = store.enroll_device(
        session=session,
        code=request.code,
        device_name=request.device_name,
        now=now_utc(),
        recovery_key=request.recovery_key or None,
    )
    if answer is None:
        raise HTTPException(status_code=401, detail=BAD_CODE)
    return answer


@router.post(
    RECOVERY_KEY_PATH,
    response_model=RecoveryKeyResponse,
    openapi_extra=_body_schema(RecoveryKeyRequest),
)
def deposit_recovery_key(
    session: SessionDep, device: DeviceDep, body: RawBodyDep
) -> RecoveryKeyResponse:
    """An enrolled laptop's recovery key, for the devices page (never echoed or logged)."""
    request: RecoveryKeyBody = parse_body(RecoveryKeyBody, decode_body(body))
    store.deposit_recovery_key(
        session=session, device=device, recovery_key=request.recovery_key, now=now_utc()
    )
    return RecoveryKeyResponse(deposited=True)


@router.post(PUSH_PATH, response_model=PushResponse, openapi_extra=_body_schema(PushRequest))
def push(request: Request, session: SessionDep, device: DeviceDep, body: RawBodyDep) -> Response:
    decoded = decode_push(body)
    version = decoded.get("protocol_version") if isinstance(decoded, dict) else None
    if type(version) is not int or version != PROTOCOL_VERSION:
        raise HTTPException(status_code=426, detail=OLD_PROTOCOL)
    items = decoded.get("items")
    if isinstance(items, list) and len(items) > MAX_ITEMS_PER_BATCH:
        raise too_large()
    envelope: PushEnvelope = parse_body(PushEnvelope, decoded)
    if envelope.device_id != device.id:
        raise HTTPException(status_code=403, detail=WRONG_DEVICE)
    # The store serialised the answer once (it keeps the same bytes for a replay).
    answer = store.record_batch(session=session, device=device, request=envelope, now=now_utc())
    checkpointer = request.app.state.checkpointer
    if checkpointer is not None:
        checkpointer.notify()
    mark = request.app.state.identity.current()
    content = answer.with_mark(mark)
    prefer = request.headers.get("prefer", "").replace(" ", "").lower().split(",")
    if PREFER_MINIMAL not in prefer:
        return _json_answer(request, content)
    response = _json_answer(request, _minimal(content))
    response.headers["Preference-Applied"] = PREFER_MINIMAL
    return response


@router.get(PULL_PATH, response_model=PullResponse)
def pull(
    request: Request,
    session: SessionDep,
    device: DeviceDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=store.MAX_PULL_LIMIT)] = 500,
) -> Response:
    mark = request.app.state.identity.current()
    answer = store.pull_changes(
        session=session, device=device, cursor=cursor, limit=limit, now=now_utc(), mark=mark
    )
    return _json_answer(request, answer)


@router.post(
    RECONCILE_PATH, response_model=ReconcileResponse, openapi_extra=_body_schema(ReconcileRequest)
)
def reconcile(
    request: Request, session: SessionDep, device: DeviceDep, body: RawBodyDep
) -> ReconcileResponse:
    parsed: ReconcileBody = parse_body(ReconcileBody, decode_body(body))
    if parsed.device_id != device.id:
        raise HTTPException(status_code=403, detail=WRONG_DEVICE)
    answer = store.reconcile(
        session=session, device=device, request=parsed.request(), now=now_utc()
    )
    return answer.model_copy(update={"server": request.app.state.identity.current()})
