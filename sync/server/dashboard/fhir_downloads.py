"""The FHIR export for SATUSEHAT: a POST (it records what was exported), answered with the Bundle.

A thin handler over `fhir.export`; the export is audited with its counts and the staff member,
never its content.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from fastapi.responses import Response

from sync.server import store
from sync.server.dashboard.web import (
    PREFIX,
    SECURITY_HEADERS,
    WIB,
    CsrfField,
    LoginDep,
    parse_day,
    require_csrf,
    today_wib,
)
from sync.server.deps import SessionDep
from sync.server.fhir.export import ExportRequest, NotConfiguredError, make_export
from sync.server.times import now_utc

router = APIRouter(prefix=PREFIX)
NOT_A_START = "Ekspor itu bukan ekspor perubahan untuk desa ini; pilih ekspor lain."
NOT_CONFIGURED = "Isi dulu ID Organisasi SATUSEHAT Puskesmas di halaman Pengaturan SATUSEHAT."


@router.post("/ekspor/fhir")
def fhir_download(
    session: SessionDep,
    login: LoginDep,
    csrf_token: CsrfField,
    mode: Annotated[str, Form(pattern="^(perubahan|periode)$")] = "perubahan",
    sejak: Annotated[str, Form(max_length=12)] = "",
    dari: Annotated[str, Form(max_length=10)] = "",
    sampai: Annotated[str, Form(max_length=10)] = "",
    desa: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    require_csrf(login, csrf_token)
    today = today_wib()
    start = parse_day(dari or None, default=today.replace(day=1))
    end = parse_day(sampai or None, default=today)
    if end < start:
        start, end = end, start
    request = ExportRequest(
        mode="periode" if mode == "periode" else "perubahan",
        made_by=login.username,
        area=desa or None,
        start=start if mode == "periode" else None,
        end=end if mode == "periode" else None,
        since_id=int(sejak) if sejak.isdigit() else None,
    )
    now = now_utc()
    try:
        result = make_export(session, request, now=now)
    except NotConfiguredError:
        raise HTTPException(status_code=409, detail=NOT_CONFIGURED) from None
    except LookupError:
        raise HTTPException(status_code=422, detail=NOT_A_START) from None
    store.add_audit(
        session=session,
        kind="export",
        device_id=None,
        counts={"format": "fhir", "mode": mode, **result.counts, "by": login.username},
        now=now,
    )
    session.commit()
    stem = (
        f"satusehat_{start:%Y%m%d}_{end:%Y%m%d}"
        if mode == "periode"
        else f"satusehat_perubahan_{now.astimezone(WIB):%Y%m%d_%H%M}"
    )
    return Response(
        content=json.dumps(result.bundle, ensure_ascii=False, indent=1).encode(),
        media_type="application/fhir+json",
        headers={
            "Content-Disposition": f'attachment; filename="{stem}_{result.export_id}.json"',
            "X-Ekspor-Id": str(result.export_id),
            **SECURITY_HEADERS,
        },
    )
