"""The exports page and its spreadsheet downloads (XLSX by default, or CSV) of a period and desa.

Thin handlers over `exports`, `spreadsheets` and the loaders; every download is audited with its
counts and the staff member, never its content. FHIR exports are in `fhir_downloads`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sync.server import exports, spreadsheet_data, spreadsheets, store
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
from sync.server.fhir import sites, state
from sync.server.times import now_utc

router = APIRouter(prefix=PREFIX)
# Why a visit was held back from a FHIR export (`fhir.entries.HELD_REASONS`), as staff read it.
HELD_LABELS = {
    "tanpa_nik": "Warga tanpa NIK",
    "waktu_di_depan": "Waktu periksa di depan jam server",
    "sebelum_2014": "Sebelum 3 Juni 2014",
    "tanpa_lokasi": "Posyandu tanpa ID Location",
    "tanpa_nakes": "Tanpa nakes penanggung jawab",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/ekspor", response_class=HTMLResponse)
def export_page(request: Request, session: SessionDep, login: LoginDep) -> HTMLResponse:
    today = today_wib()
    ids = sites.load_ids(session)
    return render(
        request,
        "exports.html",
        {
            "login": login,
            "areas": queries.load_areas(session),
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
            "ids": ids,
            "missing": [p for p in ids.posyandu if not p.location_id],
            "exports": state.recent_exports(session),
            "HELD": HELD_LABELS,
            "page": "ekspor",
        },
    )


@router.get("/ekspor/unduh")
def export_download(
    session: SessionDep,
    login: LoginDep,
    fmt: Annotated[str, Query(alias="format", pattern="^(csv|xlsx)$")] = "xlsx",
    dari: Annotated[str | None, Query(max_length=10)] = None,
    sampai: Annotated[str | None, Query(max_length=10)] = None,
    desa: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    today = today_wib()
    start = parse_day(dari, default=today.replace(day=1))
    end = parse_day(sampai, default=today)
    if end < start:
        start, end = end, start
    area = desa or None
    visits = exports.in_period(
        queries.load_visits(session=session, area=area, since=start), start=start, end=end
    )
    now = now_utc()
    table = exports.visit_table(
        visits=visits,
        people=spreadsheet_data.load_residents(session=session, area=area),
        follow_ups=spreadsheet_data.load_follow_ups(session=session, area=area),
        now=now,
    )
    store.add_audit(
        session=session,
        kind="export",
        device_id=None,
        counts={"format": fmt, "visits": len(table.rows), "by": login.username},
        now=now,
    )
    session.commit()
    stem = f"kunjungan_{start:%Y%m%d}_{end:%Y%m%d}"
    if fmt == "xlsx":
        body, media, filename = spreadsheets.to_xlsx(table), XLSX, f"{stem}.xlsx"
    else:
        body, media, filename = spreadsheets.to_csv(table), "text/csv; charset=utf-8", f"{stem}.csv"
    return Response(
        content=body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **SECURITY_HEADERS},
    )
