"""The sync API the kader's laptops call: health, enrol, push, pull, reconcile (one `APIRouter`).

Thin handlers: they parse, authenticate and call `store`; they hold no queries and log no body.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from sync.protocol import (
    ENROLL_PATH,
    HEALTH_PATH,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    RECONCILE_PATH,
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    PullResponse,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
)
from sync.server import store
from sync.server.bodies import MAX_ITEMS_PER_BATCH, PushEnvelope, too_large
from sync.server.deps import BodyDep, DeviceDep, SessionDep, parse_body
from sync.server.times import now_utc

BAD_CODE = "Kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa."
WRONG_DEVICE = "device_id tidak sesuai dengan token perangkat."
OLD_PROTOCOL = "Versi protokol tidak didukung. Mohon perbarui aplikasi."

router = APIRouter()


@router.get(HEALTH_PATH, response_model=HealthResponse)
def health(session: SessionDep) -> HealthResponse:
    store.health_check(session)
    return HealthResponse(status="ok", server_time=now_utc())


@router.post(ENROLL_PATH, response_model=EnrollResponse)
def enroll(session: SessionDep, body: BodyDep) -> EnrollResponse:
    request: EnrollRequest = parse_body(EnrollRequest, body)
    answer = store.enroll_device(
        session=session, code=request.code, device_name=request.device_name, now=now_utc()
    )
    if answer is None:
        raise HTTPException(status_code=401, detail=BAD_CODE)
    return answer


@router.post(PUSH_PATH, response_model=PushResponse)
def push(request: Request, session: SessionDep, device: DeviceDep, body: BodyDep) -> Response:
    if not isinstance(body, dict) or body.get("protocol_version") != PROTOCOL_VERSION:
        raise HTTPException(status_code=426, detail=OLD_PROTOCOL)
    items = body.get("items")
    if isinstance(items, list) and len(items) > MAX_ITEMS_PER_BATCH:
        raise too_large()
    envelope: PushEnvelope = parse_body(PushEnvelope, body)
    if envelope.device_id != device.id:
        raise HTTPException(status_code=403, detail=WRONG_DEVICE)
    # The store serialised the answer once (it keeps the same bytes for a replay).
    answer = store.record_batch(session=session, device=device, request=envelope, now=now_utc())
    checkpointer = request.app.state.checkpointer
    if checkpointer is not None:
        checkpointer.notify()
    return Response(content=answer, media_type="application/json")


@router.get(PULL_PATH, response_model=PullResponse)
def pull(
    session: SessionDep,
    device: DeviceDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=store.MAX_PULL_LIMIT)] = 500,
) -> PullResponse:
    return store.pull_changes(
        session=session, device=device, cursor=cursor, limit=limit, now=now_utc()
    )


@router.post(RECONCILE_PATH, response_model=ReconcileResponse)
def reconcile(session: SessionDep, device: DeviceDep, body: BodyDep) -> ReconcileResponse:
    request: ReconcileRequest = parse_body(ReconcileRequest, body)
    if request.device_id != device.id:
        raise HTTPException(status_code=403, detail=WRONG_DEVICE)
    return store.reconcile(session=session, device=device, request=request, now=now_utc())
