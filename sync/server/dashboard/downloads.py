"""The exports page and its downloads: CSV, XLSX or a FHIR Bundle of a period and a desa.

Thin handlers over `aggregates.queries`, `exports` and `fhir`; every download is audited with
its counts and the staff member, never its content.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sync.server import exports, fhir, store
from sync.server.aggregates import queries
from sync.server.dashboard.web import (
    PREFIX,
    SECURITY_HEADERS,
    LoginDep,
    parse_day,
    render,
    today_wib,
)
from sync.server.deps import SessionDep
from sync.server.times import now_utc

router = APIRouter(prefix=PREFIX)


@router.get("/ekspor", response_class=HTMLResponse)
def export_page(request: Request, session: SessionDep, login: LoginDep) -> HTMLResponse:
    today = today_wib()
    return render(
        request,
        "exports.html",
        {
            "login": login,
            "areas": queries.load_areas(session),
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
            "page": "ekspor",
        },
    )


@router.get("/ekspor/unduh")
def export_download(
    session: SessionDep,
    login: LoginDep,
    fmt: Annotated[str, Query(alias="format", pattern="^(csv|xlsx|fhir)$")] = "csv",
    dari: Annotated[str | None, Query(max_length=10)] = None,
    sampai: Annotated[str | None, Query(max_length=10)] = None,
    desa: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    today = today_wib()
    start = parse_day(dari, default=today.replace(day=1))
    end = parse_day(sampai, default=today)
    if end < start:
        start, end = end, start
    people = queries.load_people(session=session, area=desa or None)
    visits = exports.in_period(
        queries.load_visits(session=session, area=desa or None, since=start),
        start=start,
        end=end,
        area=desa or None,
    )
    now = now_utc()
    store.add_audit(
        session=session,
        kind="export",
        device_id=None,
        counts={"format": fmt, "visits": len(visits), "by": login.username},
        now=now,
    )
    session.commit()
    stem = f"kunjungan_{start:%Y%m%d}_{end:%Y%m%d}"
    if fmt == "fhir":
        bundle = fhir.visit_bundle(visits=visits, people=people, now=now)
        body = json.dumps(bundle, ensure_ascii=False, indent=1).encode()
        media, filename = "application/fhir+json", f"{stem}_fhir.json"
    else:
        rows = exports.visit_rows(visits=visits, people=people)
        if fmt == "xlsx":
            body = exports.to_xlsx(rows)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            filename = f"{stem}.xlsx"
        else:
            body, media, filename = (
                exports.to_csv(rows),
                "text/csv; charset=utf-8",
                f"{stem}.csv",
            )
    return Response(
        content=body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            **SECURITY_HEADERS,
        },
    )
